#include "server/http_session.hpp"

#include "server/session_context.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <iostream>
#include <string_view>

namespace emu::server {
namespace {

// After a response that ends the connection we stop sending and keep reading (discarding)
// for a while, so that unread request bytes do not turn our close into a RST that could
// destroy the response before the client reads it (the "lingering close" of nginx/Apache).
constexpr std::chrono::milliseconds max_linger{2000};

// Called when Beast's header_limit was hit before the request line was complete: the buffer
// still starts with that line (the parser consumes nothing of it until it is whole), so its
// raw bytes decide whether the request-target or something else was too long.
transport_error classify_request_line(std::string_view raw, std::size_t max_target) {
    const auto line = raw.substr(0, raw.find("\r\n"));
    const auto method_end = line.find(' ');
    if (method_end == std::string_view::npos)
        return line.size() > max_target ? transport_error::target_too_long
                                        : transport_error::header_too_large;
    const auto target = line.substr(method_end + 1);
    const auto target_size = std::min(target.find(' '), target.size());
    return target_size > max_target ? transport_error::target_too_long
                                    : transport_error::header_too_large;
}

/// Replaces `out` with the response's status line, fields and blank line, with the
/// Content-Length of `body_size`: whoever built the message, the length sent is the body's
/// (and none on 1xx, 204 and 304: RFC 9110 §8.6). Stored Content-Length and
/// Transfer-Encoding fields are not sent: the body always goes whole, never chunked.
void write_header(const http::response_header<>& h, std::size_t body_size, std::string& out) {
    out.clear();
    out.append(h.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    const unsigned status = h.result_int();
    out.push_back(static_cast<char>('0' + status / 100 % 10));
    out.push_back(static_cast<char>('0' + status / 10 % 10));
    out.push_back(static_cast<char>('0' + status % 10));
    out.push_back(' ');
    out.append(h.reason());
    out.append("\r\n");
    for (const auto& field : h)
        if (field.name() != http::field::content_length &&
            field.name() != http::field::transfer_encoding)
            out.append(field.name_string()).append(": ").append(field.value()).append("\r\n");
    const auto status_class = http::to_status_class(h.result());
    if (status_class != http::status_class::informational && status != 204 && status != 304) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, body_size).ptr;
        out.append("Content-Length: ").append(digits, end).append("\r\n");
    }
    out.append("\r\n");
}

void log_handler_failure(std::string_view what) {
    std::cerr << "emu::server: request handler threw (" << what << "); closing connection\n";
}

} // namespace

http_session::http_session(stream_socket&& socket, std::shared_ptr<session_context> context)
    : socket_(std::move(socket)), timer_(socket_.get_executor()),
      deadline_timer_(socket_.get_executor()), context_(std::move(context)),
      deferral_([this] { return make_sink(); }) {}

http_session::~http_session() {
    context_->remove(this);
}

void http_session::run() {
    beast::error_code ec;
    socket_.non_blocking(true, ec); // read_some and write_some: never block the I/O thread
    if (ec)
        return; // the socket is gone already
    net::dispatch(socket_.get_executor(),
                  beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::shutdown() {
    net::dispatch(socket_.get_executor(),
                  beast::bind_front_handler(&http_session::on_shutdown, shared_from_this()));
}

void http_session::force_close() {
    net::dispatch(socket_.get_executor(),
                  beast::bind_front_handler(&http_session::on_force_close, shared_from_this()));
}

void http_session::do_read() {
    if (stopping_)
        return do_close(); // graceful stop reached an idle point
    state_ = state::reading;
    const auto& limits = context_->limits;
    parser_.emplace();
    // Room for a request line with a target just over max_target, so that it gets a 414.
    parser_->header_limit(static_cast<std::uint32_t>(limits.max_target + limits.max_header));
    parser_->body_limit(limits.max_body);
    header_bytes_ = 0;
    set_deadline(limits.read_timeout); // covers header and body
    parse_buffered();
}

// Feeds the parser what is buffered (pipelined bytes, or a body that came with its header)
// and reads when it needs more: one read_some operation per segment, instead of Beast's
// composed read operations, which cost a layer of handlers and their allocations per request.
void http_session::parse_buffered() {
    for (;;) {
        if (buffer_.size() > 0) {
            beast::error_code ec;
            const bool header_was_done = parser_->is_header_done();
            const std::size_t used = parser_->put(buffer_.data(), ec);
            buffer_.consume(used);
            if (!header_was_done)
                header_bytes_ += used;
            if (ec && ec != http::error::need_more)
                return on_read_error(ec);
            if (!header_was_done && parser_->is_header_done() && !header_fits())
                return;
            if (parser_->is_done())
                return on_read();
            if (!ec && used > 0 && buffer_.size() > 0)
                continue; // the header is done and body bytes are buffered
        }
        // Beast's read_size: what the buffer holds already, at least 512 and at most 64 KiB.
        const std::size_t room =
            std::clamp<std::size_t>(buffer_.capacity() - buffer_.size(), 512, 65536);
        return socket_.async_read_some(
            buffer_.prepare(room),
            beast::bind_front_handler(&http_session::on_read_some, shared_from_this()));
    }
}

void http_session::on_read_some(beast::error_code ec, std::size_t n) {
    if (state_ == state::closed)
        return;
    if (ec == net::error::eof) // before a request: the client is done; within one: cut
        return on_read_error(parser_->got_some() ? beast::error_code(http::error::partial_message)
                                                 : beast::error_code(http::error::end_of_stream));
    if (ec)
        return on_read_error(ec);
    buffer_.commit(n);
    parse_buffered();
}

// The header fitted in max_target + max_header; the target alone may still be too long,
// and the fields alone may still exceed max_header when the target was short.
bool http_session::header_fits() {
    const auto& head = parser_->get();
    if (head.target().size() > context_->limits.max_target) {
        do_reject(transport_error::target_too_long, head.base());
        return false;
    }
    // header_bytes_ is the whole header. Beast accepts exactly one space between the parts
    // of "METHOD SP TARGET SP HTTP/x.y CRLF".
    const std::size_t request_line = head.method_string().size() + head.target().size() + 12;
    if (header_bytes_ > request_line + context_->limits.max_header) {
        do_reject(transport_error::header_too_large, head.base());
        return false;
    }
    return true;
}

void http_session::on_read() {
    const bool keep_alive = parser_->get().keep_alive();
    do_reply([this] { return context_->handler.handle(parser_->release(), deferral_); },
             !keep_alive);
}

void http_session::on_read_error(beast::error_code ec) {
    if (ec == http::error::end_of_stream) { // the client is done: finish politely
        state_ = state::closed;
        deadline_timer_.cancel();
        socket_.shutdown(net::socket_base::shutdown_send, ec);
        return;
    }
    // Content-Length over the limit fails in the header phase, a chunked body while reading
    // it; either way the header is complete and parsed.
    if (ec == http::error::body_limit)
        return do_reject(transport_error::body_too_large, parser_->get().base());
    if (ec == http::error::header_limit) {
        // Beast applies header_limit to the request line, then to the fields still unparsed;
        // an empty target means it stopped inside the request line.
        const auto target = parser_->get().target();
        if (!target.empty())
            return do_reject(target.size() > context_->limits.max_target
                                 ? transport_error::target_too_long
                                 : transport_error::header_too_large,
                             {});
        const auto data = buffer_.cdata();
        const std::string_view raw{static_cast<const char*>(data.data()), data.size()};
        return do_reject(classify_request_line(raw, context_->limits.max_target), {});
    }
    // Timeouts, resets, aborts and malformed HTTP: close without answering or logging.
    do_close();
}

void http_session::do_reject(transport_error why, const request_header& header) {
    do_reply([this, why,
              &header] { return std::optional<reply>(context_->handler.reject(why, header)); },
             true);
}

reply_sink http_session::make_sink() {
    return [self = shared_from_this()](reply r) {
        net::post(self->socket_.get_executor(),
                  [self, r = std::move(r)]() mutable { self->on_deferred(std::move(r)); });
    };
}

// The answer of a request the application kept (a control-API wait), on our thread.
void http_session::on_deferred(reply r) {
    if (state_ == state::closed)
        return;
    do_reply([&r] { return std::optional<reply>(std::move(r)); }, close_after_);
}

// The application catches its own errors (style §3); this try is only the last line of
// defence, so that a throwing handler costs one connection and not the process.
template <class Call> void http_session::do_reply(Call&& call, bool close_after) {
    state_ = state::busy;
    clear_deadline(); // no I/O until the answer is ready (a fault may delay it)
    close_after_ = close_after;
    try {
        auto answer = call();
        if (!answer) // kept by the application: on_deferred brings the reply
            return;
        reply_ = std::move(*answer); // write_header gives it its Content-Length
    } catch (const std::exception& e) {
        log_handler_failure(e.what());
        return do_close();
    } catch (...) {
        log_handler_failure("unknown exception");
        return do_close();
    }
    if (reply_.delay <= std::chrono::milliseconds::zero())
        return do_act();
    timer_.expires_after(reply_.delay); // on the strand: the thread is not blocked
    timer_.async_wait(beast::bind_front_handler(&http_session::on_delay, shared_from_this()));
}

void http_session::on_delay(beast::error_code ec) {
    if (ec || state_ == state::closed)
        return;
    do_act();
}

void http_session::do_act() {
    switch (reply_.action) {
    case reply_action::send:
        return do_write();
    case reply_action::reset:
        return do_reset();
    case reply_action::truncate:
        return do_truncate();
    }
}

// The header goes out of a buffer the session reuses and the body straight from the message,
// in one gathered write: Beast's serializer would do the same through several layers of
// buffer views on every response. write_header gives it the body's Content-Length.
// The socket is non-blocking: an answer that fits in its send buffer (nearly all) leaves in
// one sendmsg here, without an operation and a trip through the scheduler; the rest of a
// short write goes through async_write.
void http_session::do_write() {
    auto& m = reply_.message;
    if (close_after_ || stopping_)
        m.keep_alive(false);
    write_header(m.base(), m.body().size(), head_);
    set_deadline(context_->limits.read_timeout); // a client that never reads
    unsent_ = {net::buffer(head_), net::buffer(m.body())};
    beast::error_code ec;
    const std::size_t sent = socket_.write_some(unsent_, ec);
    if (ec && ec != net::error::would_block && ec != net::error::try_again)
        return do_close();
    if (sent == head_.size() + m.body().size())
        return on_written();
    if (sent < head_.size())
        unsent_[0] += sent;
    else
        unsent_ = {net::const_buffer{}, net::buffer(m.body()) + (sent - head_.size())};
    net::async_write(socket_, unsent_,
                     beast::bind_front_handler(&http_session::on_write, shared_from_this()));
}

void http_session::on_write(beast::error_code ec, std::size_t) {
    if (ec)
        return do_close();
    on_written();
}

void http_session::on_written() {
    if (!reply_.message.keep_alive()) // the length is always sent (write_header)
        return do_linger();
    reply_ = {};
    // The next read starts from the event loop, after the other connections' ready work: by
    // then the client has often sent its next request, and Asio's speculative recv() finds it
    // instead of saying EAGAIN (measured: 1.5 recv per request this way, 1.8 inline). It also
    // keeps a pipelining client from starving the others.
    net::post(socket_.get_executor(),
              beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::do_truncate() {
    write_header(reply_.message.base(), reply_.message.body().size(), partial_);
    const auto& body = reply_.message.body();
    partial_.append(body, 0, body.size() / 2);
    set_deadline(context_->limits.read_timeout);
    net::async_write(socket_, net::buffer(partial_),
                     beast::bind_front_handler(&http_session::on_truncate, shared_from_this()));
}

void http_session::on_truncate(beast::error_code ec, std::size_t) {
    if (ec)
        return do_close();
    do_linger();
}

void http_session::do_reset() {
    beast::error_code ec;
    socket_.set_option(net::socket_base::linger(true, 0), ec); // close sends RST
    state_ = state::closed;
    deadline_timer_.cancel();
    socket_.close(ec);
}

void http_session::do_linger() {
    state_ = state::lingering;
    beast::error_code ec;
    socket_.shutdown(net::socket_base::shutdown_send, ec);
    set_deadline(
        std::min<std::chrono::steady_clock::duration>(max_linger, context_->limits.read_timeout));
    buffer_.clear();
    socket_.async_read_some(
        buffer_.prepare(4096), // discarded: never committed
        beast::bind_front_handler(&http_session::on_linger, shared_from_this()));
}

void http_session::on_linger(beast::error_code ec, std::size_t) {
    if (state_ != state::lingering)
        return;
    if (ec) // end of stream, deadline or reset: the client had its chance
        return do_close();
    socket_.async_read_some(
        buffer_.prepare(4096),
        beast::bind_front_handler(&http_session::on_linger, shared_from_this()));
}

void http_session::on_shutdown() {
    stopping_ = true;
    if (state_ == state::reading) // idle keep-alive connection (or a request still arriving)
        do_close();
}

void http_session::on_force_close() {
    timer_.cancel();
    do_close();
}

void http_session::do_close() {
    if (state_ == state::closed)
        return;
    state_ = state::closed;
    deadline_timer_.cancel(); // releases the session the pending wait holds
    beast::error_code ec;
    socket_.shutdown(net::socket_base::shutdown_both, ec);
    socket_.close(ec); // pending operations complete with operation_aborted
}

// Moves the deadline; the pending wait stays unless it would fire too late. A wait that fires
// before the deadline re-arms for it (on_deadline), so a keep-alive connection costs one
// clock read per request and one timer operation per read_timeout.
void http_session::set_deadline(std::chrono::steady_clock::duration within) {
    deadline_ = std::chrono::steady_clock::now() + within;
    if (deadline_ < armed_)
        arm_deadline(deadline_);
}

void http_session::clear_deadline() {
    deadline_ = std::chrono::steady_clock::time_point::max();
}

void http_session::arm_deadline(std::chrono::steady_clock::time_point at) {
    armed_ = at;
    deadline_timer_.expires_at(at); // cancels a pending wait (its handler sees aborted)
    deadline_timer_.async_wait(
        beast::bind_front_handler(&http_session::on_deadline, shared_from_this()));
}

void http_session::on_deadline(beast::error_code ec) {
    if (ec || state_ == state::closed) // re-armed, closed, or the server is going away
        return;
    armed_ = std::chrono::steady_clock::time_point::max();
    if (deadline_ == std::chrono::steady_clock::time_point::max())
        return; // between phases; the next set_deadline arms again
    if (std::chrono::steady_clock::now() < deadline_)
        return arm_deadline(deadline_);
    do_close(); // the phase overran: pending I/O completes with operation_aborted
}

} // namespace emu::server
