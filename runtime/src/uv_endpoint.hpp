// The thin libuv adapter under the asynchronous client: one UDP socket, one timer and one
// wake-up handle on a loop that runs on a thread of its own. Everything protocol-related happens in the
// Handler, which is told about datagrams, timer expiries and wake-ups and says when it next
// needs the timer; this class only moves bytes and time.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/types.hpp>

#include <uv.h>

#include <atomic>
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
        virtual std::optional<TimePoint> next_expiry() = 0;
    };

    // Binds now, so local() is known before the loop runs. Throws std::system_error.
    UvEndpoint(Endpoint bind, Handler& handler);
    ~UvEndpoint();
    UvEndpoint(const UvEndpoint&) = delete;
    UvEndpoint& operator=(const UvEndpoint&) = delete;

    Endpoint local() const noexcept { return local_; }

    // Loop thread only. False if the datagram could not be sent now (counted by the caller as
    // a loss: the protocol's retransmission covers it).
    bool send(Endpoint to, cdr::ByteView bytes);

    // Runs the loop on a thread of its own; once.
    void start_thread();
    // Thread-safe: ends the loop and waits for its thread. Idempotent.
    void stop_and_join();
    // Thread-safe: have Handler::on_wake called on the loop thread.
    void wake();

private:
    void run();
    void stop();
    static void on_alloc(uv_handle_t* handle, size_t suggested, uv_buf_t* buf);
    static void on_receive(uv_udp_t* udp, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned flags);
    static void on_timer_fired(uv_timer_t* timer);
    static void on_async(uv_async_t* async);
    void rearm_timer();
    // Takes the socket's queued network reports, keeping the refusals for deliver_refusals.
    void take_reports();
    // Tells the handler of the refusals taken so far, then sets the timer: the end of every
    // callback. (A send made inside the handler may take reports too: they wait for this.)
    void deliver_refusals_and_rearm();

    Handler& handler_;
    std::vector<Endpoint> refusals_;
    uv_loop_t loop_{};
    uv_udp_t udp_{};
    uv_timer_t timer_{};
    uv_async_t async_{};
    Endpoint local_;
    std::vector<char> receive_buffer_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace corbel::runtime::detail
