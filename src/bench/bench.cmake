# SPDX-License-Identifier: MIT
# The benchmarks: their own program, procscope-bench, on top of every layer
# (`procscope bench` execs it), and the child programs they run. All of them
# sit beside the demos (build/demos/, PREFIX/libexec/procscope/) and are found
# the way the demos are, so that the procscope binary links neither the
# benchmarks nor the demo runtime (tests/e2e/bench_split.sh checks with nm).

# Every benchmark but the program's main, as a library the tests link too.
ps_layer(ps_bench src/bench)
target_link_libraries(ps_bench PUBLIC ps_ui ps_engine)

add_executable(procscope-bench ${PROJECT_SOURCE_DIR}/src/bench/tool/bench_main.c)
target_link_libraries(procscope-bench PRIVATE ps_bench)

# The flat-out producer `bench ring` runs under the real supervisor.
add_executable(procscope-bench-producer ${PROJECT_SOURCE_DIR}/src/bench/child/bench_producer.c)
target_link_libraries(procscope-bench-producer PRIVATE ps_child)

# The mp workloads of `bench ipc` (pipe, queue, pool, 100 children).
add_executable(procscope-bench-ipc ${PROJECT_SOURCE_DIR}/src/bench/child/bench_ipc_load.c)
target_link_libraries(procscope-bench-ipc PRIVATE ps_child)

set(PS_BENCH_TARGETS procscope-bench procscope-bench-producer procscope-bench-ipc)
set_target_properties(${PS_BENCH_TARGETS} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PS_DEMO_DIR})
install(TARGETS ${PS_BENCH_TARGETS} RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/procscope)
