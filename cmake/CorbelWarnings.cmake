# Warnings and sanitizers shared by every corbel target.

add_library(corbel_build_flags INTERFACE)
target_compile_options(corbel_build_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)

if(CORBEL_SANITIZE)
  set(corbel_sanitizer_flags -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${corbel_sanitizer_flags})
  add_link_options(${corbel_sanitizer_flags})
endif()

# Links a target to the shared warning flags without exporting them to installed users.
function(corbel_use_build_flags target)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:corbel_build_flags>)
endfunction()
