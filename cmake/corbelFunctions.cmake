# corbel_generate(TARGET target IDL_FILES a.idl b.idl [INCLUDE_DIRS dir...] [DEFINES NAME=VALUE...]
#                 [OUTPUT_DIR dir])
#
# Runs corbel-idlc on each IDL file at build time and adds the generated sources to `target`,
# with the output directory on its include path, so `#include "a.hpp"` (data types) and
# `#include "a.rpc.hpp"` (proxies and skeletons: link corbel::runtime) work. Regeneration
# follows changes to the IDL files and to the compiler.
function(corbel_generate)
  cmake_parse_arguments(ARG "" "TARGET;OUTPUT_DIR" "IDL_FILES;INCLUDE_DIRS;DEFINES" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_IDL_FILES)
    message(FATAL_ERROR "corbel_generate: TARGET and IDL_FILES are required")
  endif()
  if(NOT TARGET corbel::idlc)
    message(FATAL_ERROR "corbel_generate: the corbel::idlc executable target is not known; "
                        "call find_package(corbel) first")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/corbel_generated/${ARG_TARGET})
  endif()

  set(options -o ${ARG_OUTPUT_DIR})
  foreach(dir IN LISTS ARG_INCLUDE_DIRS)
    get_filename_component(dir ${dir} ABSOLUTE)
    list(APPEND options -I ${dir})
  endforeach()
  foreach(define IN LISTS ARG_DEFINES)
    list(APPEND options -D ${define})
  endforeach()

  foreach(idl IN LISTS ARG_IDL_FILES)
    get_filename_component(idl ${idl} ABSOLUTE)
    get_filename_component(stem ${idl} NAME_WLE)  # as corbel-idlc names its outputs
    # <stem>.hpp/.cpp: the data types; <stem>.rpc.hpp/.rpc.cpp: the interfaces' proxies and
    # skeletons (which need corbel::runtime; for a file without interfaces they are empty).
    set(outputs ${ARG_OUTPUT_DIR}/${stem}.hpp ${ARG_OUTPUT_DIR}/${stem}.cpp
                ${ARG_OUTPUT_DIR}/${stem}.rpc.hpp ${ARG_OUTPUT_DIR}/${stem}.rpc.cpp)
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ARG_OUTPUT_DIR}
      COMMAND corbel::idlc ${options} ${idl}
      DEPENDS ${idl} corbel::idlc
      COMMENT "corbel-idlc ${stem}.idl"
      VERBATIM)
    target_sources(${ARG_TARGET} PRIVATE ${outputs})
  endforeach()
  target_include_directories(${ARG_TARGET} PUBLIC $<BUILD_INTERFACE:${ARG_OUTPUT_DIR}>)
endfunction()
