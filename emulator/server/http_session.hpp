#pragma once
// One HTTP/1.1 connection: read → call the request_handler → write, on its I/O thread.
#include "server/net.hpp"
#include "server/request_handler.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace emu::server {

class session_context;

/// Serves the requests of one connection, one at a time and in order (pipelined bytes wait in
/// the buffer). Errors on the socket close the connection; they are never turned into HTTP,
/// except oversized requests, which go to `handler.reject` and are answered, then closed.
/// `reject` gets the parsed header when it was complete (body_too_large, and a target over
/// max_target or fields over max_header found once the header was read), an empty one
/// otherwise. Beast's own header limit is max_target + max_header (it counts the request line
/// too); the session then holds the target and the fields to their own limits.
/// All members run on the connection's thread (its implicit strand, net.hpp); shutdown() and
/// force_close() may be called from any thread.
/// Deadlines: reading a request, writing a response and the lingering close each get one;
/// a timeout closes the connection without an answer. The deadline is a time point that each
/// phase moves forward, and one timer per connection that is re-armed only when it fires
/// before the current deadline (or a phase needs an earlier one) — not once per request.
class http_session : public std::enable_shared_from_this<http_session> {
public:
    /// Takes an accepted socket whose executor is its I/O thread's io_context.
    http_session(stream_socket&& socket, std::shared_ptr<session_context> context);
    /// Unregisters from the context (the socket closes with the stream).
    ~http_session();

    /// Starts the read loop.
    void run();
    /// Graceful stop: closes now if idle, otherwise after the response being prepared.
    void shutdown();
    /// Closes the connection now, cancelling any pending write or reply delay.
    void force_close();

private:
    enum class state { reading, busy, lingering, closed };

    void do_read();
    void parse_buffered();
    bool header_fits();
    void on_read_some(beast::error_code ec, std::size_t bytes);
    void on_read();
    void on_read_error(beast::error_code ec);
    void do_reject(transport_error why, const request_header& header);
    template <class Call> void do_reply(Call&& call, bool close_after);
    reply_sink make_sink();
    void on_deferred(reply r);
    void on_delay(beast::error_code ec);
    void do_act();
    void do_write();
    void on_write(beast::error_code ec, std::size_t bytes);
    void on_written();
    void do_truncate();
    void on_truncate(beast::error_code ec, std::size_t bytes);
    void do_reset();
    void do_linger();
    void on_linger(beast::error_code ec, std::size_t bytes);
    void on_shutdown();
    void on_force_close();
    void do_close();
    void set_deadline(std::chrono::steady_clock::duration within);
    void clear_deadline();
    void arm_deadline(std::chrono::steady_clock::time_point at);
    void on_deadline(beast::error_code ec);

    stream_socket socket_;
    beast::flat_buffer buffer_; // persists across requests: holds pipelined bytes
    std::optional<http::request_parser<http::string_body>> parser_;
    connection_timer timer_;          // reply delays
    connection_timer deadline_timer_; // see set_deadline
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    std::chrono::steady_clock::time_point armed_ = std::chrono::steady_clock::time_point::max();
    std::shared_ptr<session_context> context_;
    reply reply_;
    deferral deferral_;                       // makes sinks bound to this session (built once)
    std::string head_;                        // the response header being written (reused)
    std::string partial_;                     // bytes of a truncated reply
    std::array<net::const_buffer, 2> unsent_; // what a short write left for async_write
    std::size_t header_bytes_ = 0;            // consumed by the parser before the header was done
    state state_ = state::reading;
    bool close_after_ = false;
    bool stopping_ = false;
};

} // namespace emu::server
