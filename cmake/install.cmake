# Installs headers, libraries, the CMake package (appt::appt, appt::appt_c)
# and appt.pc. Included from the top-level CMakeLists.txt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS appt appt_c EXPORT apptTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/appt
                  ${PROJECT_SOURCE_DIR}/capi/include/appt
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(appt_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/appt)
install(EXPORT apptTargets NAMESPACE appt:: DESTINATION ${appt_cmake_dir})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/apptConfig.cmake.in
  ${PROJECT_BINARY_DIR}/apptConfig.cmake
  INSTALL_DESTINATION ${appt_cmake_dir})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/apptConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/apptConfig.cmake
              ${PROJECT_BINARY_DIR}/apptConfigVersion.cmake
        DESTINATION ${appt_cmake_dir})

# Relocatable: the prefix is found from the .pc file's own directory, so
# `cmake --install --prefix <anywhere>` gives a correct file.
file(RELATIVE_PATH APPT_PC_TO_PREFIX
     /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
string(REGEX REPLACE "/$" "" APPT_PC_TO_PREFIX "${APPT_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/appt.pc.in
               ${PROJECT_BINARY_DIR}/appt.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/appt.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
