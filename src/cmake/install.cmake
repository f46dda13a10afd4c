# SPDX-License-Identifier: MIT
# Everything `cmake --install` puts in place, and the .deb cpack builds from it:
#   bin/procscope, libexec/procscope/<demos, bench producer, Python hook and demos>,
#   lib/libprocscope.{so,a},
#   include/procscope/, lib/pkgconfig/procscope.pc, lib/cmake/procscope/,
#   share/man/man1/procscope.1, bash and zsh completion, share/doc/procscope/.

# The headers a program of your own includes: the mp API and the probe, and
# the event vocabulary they name. Their layout below include/procscope/ is the
# one below src/, so "mp/pipe.h" resolves the same in the tree and installed.
set(PS_PUBLIC_HEADERS
    mp/mp.h mp/barrier.h mp/lock.h mp/namespace.h mp/pipe.h mp/pool.h mp/print.h
    mp/process.h mp/queue.h mp/timescale.h mp/value.h
    probe/probe.h probe/probe_usdt.h core/event.h api/procscope.h)
foreach(extra core/event_types.h core/env.h)
    if(EXISTS ${PROJECT_SOURCE_DIR}/src/${extra})
        list(APPEND PS_PUBLIC_HEADERS ${extra})
    endif()
endforeach()

# Only the functions (and variables) the public headers declare are exported from the shared
# library: a linker version script made from the headers at configure time.
set(ps_exports)
foreach(header IN LISTS PS_PUBLIC_HEADERS)
    file(READ ${PROJECT_SOURCE_DIR}/src/${header} text)
    string(REGEX MATCHALL "ps_[a-z0-9_]+[ \t]*\\(" found "${text}")
    foreach(fn IN LISTS found)
        string(REGEX REPLACE "[ \t]*\\($" "" fn "${fn}")
        list(APPEND ps_exports ${fn})
    endforeach()
    # and the variables they declare (ps_probe_listening, read by the inline emitters)
    # (each match ends at its ';', which a CMake list drops)
    string(REGEX MATCHALL "extern[^;(]*[ *]ps_[a-z0-9_]+;" vars "${text}")
    foreach(var IN LISTS vars)
        if(var MATCHES "[ *](ps_[a-z0-9_]+)$")
            list(APPEND ps_exports ${CMAKE_MATCH_1})
        endif()
    endforeach()
endforeach()
list(REMOVE_DUPLICATES ps_exports)
list(SORT ps_exports)
list(JOIN ps_exports ";\n        " ps_export_lines)
set(PS_VERSION_SCRIPT ${CMAKE_BINARY_DIR}/libprocscope.map)
file(CONFIGURE OUTPUT ${PS_VERSION_SCRIPT} CONTENT
    "PROCSCOPE_${PROJECT_VERSION_MAJOR} {\n    global:\n        ${ps_export_lines};\n    local:\n        *;\n};\n")

# libprocscope.so.N: the probe and the mp API with only ps_* of the headers visible.
add_library(procscope_shared SHARED $<TARGET_OBJECTS:ps_core> $<TARGET_OBJECTS:ps_child>
    ${PROJECT_SOURCE_DIR}/src/api/version.c)
set_target_properties(procscope_shared PROPERTIES OUTPUT_NAME procscope
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
    LINK_DEPENDS ${PS_VERSION_SCRIPT})
target_link_libraries(procscope_shared PRIVATE
    PkgConfig::LIBBSD Threads::Threads)
target_link_libraries(procscope_shared PRIVATE ps_strict_flags)
target_link_options(procscope_shared PRIVATE
    "LINKER:--version-script=${PS_VERSION_SCRIPT}" "LINKER:--no-undefined")

# libprocscope.a: the same objects in one archive.
add_library(procscope_static STATIC $<TARGET_OBJECTS:ps_core> $<TARGET_OBJECTS:ps_child>
    ${PROJECT_SOURCE_DIR}/src/api/version.c)
set_target_properties(procscope_static PROPERTIES OUTPUT_NAME procscope)
target_link_libraries(procscope_static PRIVATE ps_strict_flags)

install(TARGETS procscope RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${PS_DEMO_TARGETS} RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/procscope)
# Beside the demos (and the benchmark programs, src/bench/bench.cmake): for
# Python programs, the hook (its package and native parts, as built) and the
# Python demos; src/supervisor/python.c finds them relative to the binary.
install(DIRECTORY ${CMAKE_BINARY_DIR}/pyhook/
    DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/procscope/pyhook PATTERN .copied EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/demos/python/
    DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/procscope/demos/python FILES_MATCHING PATTERN "*.py")
install(TARGETS procscope_shared procscope_static
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_SKIP
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS procscope_shared LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_ONLY)
foreach(header IN LISTS PS_PUBLIC_HEADERS)
    get_filename_component(sub ${header} DIRECTORY)
    if(sub STREQUAL "api")
        set(sub "")  # the umbrella: include/procscope/procscope.h
    endif()
    install(FILES ${PROJECT_SOURCE_DIR}/src/${header}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/procscope/${sub})
endforeach()

# pkg-config and the CMake package (find_package(procscope) -> procscope::procscope).
# The prefix is found from the .pc file's own place, so a moved tree works too.
file(RELATIVE_PATH PS_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${PROJECT_SOURCE_DIR}/src/cmake/procscope.pc.in
    ${CMAKE_BINARY_DIR}/procscope.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/procscope.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
include(CMakePackageConfigHelpers)
configure_package_config_file(${PROJECT_SOURCE_DIR}/src/cmake/procscopeConfig.cmake.in
    ${CMAKE_BINARY_DIR}/procscopeConfig.cmake
    INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/procscope
    PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/procscopeConfigVersion.cmake
    COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/procscopeConfig.cmake
    ${CMAKE_BINARY_DIR}/procscopeConfigVersion.cmake
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/procscope)

# The man page (its version filled in) and shell completion.
configure_file(${PROJECT_SOURCE_DIR}/src/cli/doc/procscope.1 ${CMAKE_BINARY_DIR}/procscope.1 @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/procscope.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/src/cli/doc/procscope.bash
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME procscope)
install(FILES ${PROJECT_SOURCE_DIR}/src/cli/doc/_procscope
    DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md
    ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB (from the build folder): a .deb of the install above.
set(CPACK_PACKAGE_NAME procscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "procscope maintainers <procscope@localhost>")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3") # for Python programs and the Python demos
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_GENERATOR DEB)
include(CPack)
