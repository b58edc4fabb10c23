# Finds the Debian packages corbel builds on. A missing one stops configuration with the
# name of the package that provides it.

macro(corbel_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "corbel needs ${name}: install it with `apt-get install ${debian_package}` "
                        "(or run tools/setup.sh, which installs everything)")
  endif()
endmacro()

find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "corbel needs pkg-config: install it with `apt-get install pkg-config`")
endif()

pkg_check_modules(LIBUV QUIET IMPORTED_TARGET libuv)
if(NOT LIBUV_FOUND)
  message(FATAL_ERROR "corbel needs libuv: install it with `apt-get install libuv1-dev`")
endif()

corbel_require_package(nlohmann_json nlohmann-json3-dev)
corbel_require_package(antlr4-runtime libantlr4-runtime-dev)
corbel_require_package(antlr4-generator antlr4)
find_program(CORBEL_CPP_PROGRAM cpp)
if(NOT CORBEL_CPP_PROGRAM)
  message(FATAL_ERROR "corbel-idlc needs the C preprocessor: install it with `apt-get install cpp`")
endif()

if(CORBEL_BUILD_TESTS)
  corbel_require_package(doctest doctest-dev)
  include(doctest)
endif()
if(CORBEL_BUILD_BENCHMARKS)
  corbel_require_package(benchmark libbenchmark-dev)
  corbel_require_package(fastcdr libfastcdr-dev)
  # ONC RPC, the classic UDP RPC, is the round-trip benchmark's RPC peer.
  pkg_check_modules(TIRPC QUIET IMPORTED_TARGET libtirpc)
  find_program(CORBEL_RPCGEN rpcgen)
  if(NOT TIRPC_FOUND OR NOT CORBEL_RPCGEN)
    message(FATAL_ERROR "the round-trip benchmark's ONC RPC peer needs `apt-get install libtirpc-dev rpcsvc-proto`")
  endif()
endif()
if(CORBEL_INTEROP_TESTS AND CORBEL_BUILD_TESTS)
  pkg_check_modules(OMNIORB QUIET IMPORTED_TARGET omniORB4)
  find_program(CORBEL_OMNIIDL omniidl)
  if(NOT OMNIORB_FOUND OR NOT CORBEL_OMNIIDL)
    message(FATAL_ERROR "the omniORB cross-checks need omniORB: install it with "
                        "`apt-get install omniorb omniidl libomniorb4-dev omniorb-idl`, "
                        "or configure with -DCORBEL_INTEROP_TESTS=OFF")
  endif()
endif()
