#include "network_reports.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <cstring>

namespace corbel::runtime::detail {

bool is_network_report(int error) {
    return error == ECONNREFUSED || error == EHOSTUNREACH || error == ENETUNREACH || error == EHOSTDOWN ||
           error == EPROTO;
}

bool ask_for_network_reports(int fd) {
    const int on = 1;
    return ::setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on) == 0;
}

std::vector<Endpoint> take_network_reports(int fd) {
    std::vector<Endpoint> refused;
    // Bounded: the queue holds what arrived before, at most a receive buffer's worth.
    for (int entry = 0; entry < 1024; ++entry) {
        sockaddr_in destination{};
        alignas(cmsghdr) std::uint8_t control[256];
        std::uint8_t ignored[1];
        iovec data{ignored, sizeof ignored};
        msghdr message{};
        message.msg_name = &destination;
        message.msg_namelen = sizeof destination;
        message.msg_iov = &data;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        if (::recvmsg(fd, &message, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) break;
        for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_RECVERR) continue;
            sock_extended_err error{};
            std::memcpy(&error, CMSG_DATA(c), sizeof error);
            // msg_name is the destination of the datagram the report is about (ip(7)).
            if (error.ee_origin == SO_EE_ORIGIN_ICMP && error.ee_errno == ECONNREFUSED) {
                refused.push_back({ntohl(destination.sin_addr.s_addr), ntohs(destination.sin_port)});
            }
        }
    }
    return refused;
}

}  // namespace corbel::runtime::detail
