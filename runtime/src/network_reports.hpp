// What the network says of datagrams a socket sent: an ICMP "port unreachable" (nothing
// listens there) and the like. The kernel hands such a report to the socket's next send or
// receive as an error; a socket that asks (IP_RECVERR) also queues each one with the
// destination it concerns, and that queue counts against the receive buffer until taken.
#pragma once

#include <corbel/runtime/types.hpp>

#include <vector>

namespace corbel::runtime::detail {

// Whether `error` (an errno value) is such a report rather than a failure of the call itself.
bool is_network_report(int error);

// Has the socket queue its reports; false if the system refused.
bool ask_for_network_reports(int fd);

// Empties the socket's queue of reports; returns the destinations of those that said nothing
// listens there (ECONNREFUSED), oldest first.
std::vector<Endpoint> take_network_reports(int fd);

}  // namespace corbel::runtime::detail
