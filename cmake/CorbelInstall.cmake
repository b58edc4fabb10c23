# `cmake --install` puts headers, libraries, executables and a CMake package config in place,
# so that an outside project can find_package(corbel) and link corbel::marshal (and the layers
# that installed targets add to the corbel export set).
include(CMakePackageConfigHelpers)

install(EXPORT corbelTargets NAMESPACE corbel:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/corbel)
configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/corbelConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/corbelConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/corbel)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/corbelConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/corbelConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/corbelConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/corbel)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/cmake/corbelFunctions.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/corbel)
