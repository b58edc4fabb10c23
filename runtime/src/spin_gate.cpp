#include "spin_gate.hpp"

#include <sched.h>
#include <unistd.h>

namespace corbel::runtime::detail {

unsigned usable_cpus_of_process() {
    constexpr unsigned calls_between_lookups = 1024;
    thread_local unsigned cpus = 1;
    thread_local unsigned calls_until_lookup = 0;
    if (calls_until_lookup == 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        // The process's id names its main thread, whose mask is the process's unless the
        // program pinned it: a caller pinned to one CPU may well have a server on another.
        // Should it fail, 1 CPU: never poll.
        cpus = ::sched_getaffinity(::getpid(), sizeof set, &set) == 0 ? static_cast<unsigned>(CPU_COUNT(&set)) : 1;
        calls_until_lookup = calls_between_lookups;
    }
    --calls_until_lookup;
    return cpus;
}

}  // namespace corbel::runtime::detail
