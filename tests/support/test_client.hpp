#pragma once
// A small blocking HTTP/1.1 client for socket tests. Every operation has a hard deadline, so a
// server bug fails the test quickly instead of hanging it.
#include "support/message.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::test {

/// One keep-alive connection to a server. Not thread-safe: use one client per thread.
/// Errors (including an expired deadline, reported as boost::beast::error::timeout) throw
/// boost::system::system_error, except in the try_ and is_ helpers. A deadline that expires
/// closes the connection.
class test_client {
public:
    /// Default deadline of each operation.
    static constexpr std::chrono::milliseconds default_deadline{5000};

    /// Connects to host:port (host is an IP address). Throws boost::system::system_error,
    /// e.g. connection_refused when nothing listens.
    explicit test_client(unsigned short port, std::string host = "127.0.0.1",
                         std::chrono::milliseconds deadline = default_deadline);
    /// Closes the connection.
    ~test_client();
    test_client(const test_client&) = delete;
    test_client& operator=(const test_client&) = delete;

    /// Sends an HTTP/1.1 request (Host and Content-Length added) and reads its response.
    response request(http::verb method, std::string_view target, std::string body = {},
                     const header_list& headers = {});
    /// Sends a request built by the caller (Host added if missing, Content-Length set from
    /// the body; use send_raw for deliberately broken framing) and reads its response.
    response request(http::request<http::string_body> message);

    /// Writes bytes as they are.
    void send_raw(std::string_view bytes);
    /// Reads one response (bytes left over from earlier reads come first). After a response
    /// that ends the connection (Connection: close) the client stops sending (half-close).
    response read_response();
    /// Like read_response, but returns the error instead of throwing: end_of_stream or
    /// connection_reset when the server closed, partial_message for a cut-off response,
    /// boost::beast::error::timeout when the deadline expired.
    boost::system::result<response> try_read_response();
    /// Reads until the server closes the connection (end of stream or reset) and returns every
    /// byte received, leftovers included. Throws if the deadline expires first.
    std::string read_until_closed();
    /// Whether the server has closed the connection as far as has been seen so far; does not
    /// wait (use read_until_closed to wait). Pending bytes count as "open".
    bool is_closed();
    /// Half-closes: the server sees end of stream, and can still answer.
    void shutdown_send();
    /// Sets the deadline of each following operation.
    void set_deadline(std::chrono::milliseconds deadline) { deadline_ = deadline; }

private:
    using completion = std::function<void(boost::system::error_code, std::size_t)>;
    boost::system::error_code run(const std::function<void(completion)>& start);
    boost::system::result<response> read_one(bool head);

    boost::asio::io_context ioc_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::string host_;
    unsigned short port_;
    std::chrono::milliseconds deadline_;
    bool closed_ = false;
};

} // namespace emu::test
