// The thin libuv adapter under the asynchronous client: one UDP socket, one timer and one
// wake-up handle on a loop that runs on a thread of its own. Everything protocol-related happens in the
// Handler, which is told about datagrams, timer expiries and wake-ups and says when it next
// needs the timer; this class only moves bytes and time.
//
// The events of one turn of the loop (every datagram queued on the socket, the timer, a
// wake-up) are told first, then the handler is asked once to settle: to send what they
// queued, in one sendmmsg, and to finish the calls they ended. So 30 replies that arrive
// together, whose handlers start 30 new calls, cost two system calls rather than 60.
#pragma once

#include "udp_socket.hpp"

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/core/datagram.hpp>
#include <corbel/runtime/types.hpp>

#include <uv.h>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace corbel::runtime::detail {

class UvEndpoint {
public:
    class Handler {
    public:
        virtual ~Handler() = default;
        virtual void on_datagram(TimePoint now, Endpoint from, cdr::ByteView bytes, bool truncated) = 0;
        virtual void on_timer(TimePoint now) = 0;
        // Called on the loop thread after wake() from any thread.
        virtual void on_wake(TimePoint now) = 0;
        // The network said nothing listens at `destination` (see network_reports.hpp).
        virtual void on_refused(TimePoint now, Endpoint destination) = 0;
        // After the events of a turn: send (send_batch) and finish what they left.
        virtual void settle(TimePoint now) = 0;
        virtual std::optional<TimePoint> next_expiry() = 0;
    };

    // Binds now, so local() is known before the loop runs. Throws std::system_error.
    UvEndpoint(Endpoint bind, Handler& handler);
    ~UvEndpoint();
    UvEndpoint(const UvEndpoint&) = delete;
    UvEndpoint& operator=(const UvEndpoint&) = delete;

    Endpoint local() const noexcept { return local_; }

    // Loop thread only. Returns how many of them could not be sent now (counted by the caller
    // as lost: the protocol's retransmission covers them); none is queued for later.
    std::size_t send_batch(const core::Datagram* datagrams, std::size_t count);

    // Whether the caller runs on the loop's thread (inside a Handler call).
    bool on_loop_thread() const noexcept { return std::this_thread::get_id() == loop_thread_; }

    // Runs the loop on a thread of its own; once.
    void start_thread();
    // Thread-safe: ends the loop and waits for its thread. Idempotent.
    void stop_and_join();
    // Thread-safe: have Handler::on_wake called on the loop thread.
    void wake();

private:
    void run();
    void stop();
    void close_handles();
    static void on_alloc(uv_handle_t* handle, size_t suggested, uv_buf_t* buf);
    static void on_receive(uv_udp_t* udp, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned flags);
    static void on_timer_fired(uv_timer_t* timer);
    static void on_async(uv_async_t* async);
    // The prepare handle runs before the loop waits for I/O, after the timers; the check
    // handle after the I/O callbacks. Between them they settle every event of a turn.
    static void on_turn_end(uv_handle_t* handle);
    void rearm_timer();
    // Takes the socket's queued network reports, keeping the refusals for settle_turn.
    void take_reports();
    // Tells the handler of the refusals taken so far and has it settle (a send made while
    // settling may take reports too: they get another round), then sets the timer.
    void settle_turn();

    Handler& handler_;
    std::vector<Endpoint> refusals_;
    uv_loop_t loop_{};
    uv_udp_t udp_{};
    uv_timer_t timer_{};
    uv_async_t async_{};
    uv_prepare_t before_io_{};
    uv_check_t after_io_{};
    bool unsettled_ = false;  // an event was told since the last settle
    Endpoint local_;
    std::unique_ptr<char[]> receive_buffer_;
    SendBatch sending_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
    std::thread::id loop_thread_;
};

}  // namespace corbel::runtime::detail
