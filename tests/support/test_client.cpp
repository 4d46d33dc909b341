#include "support/test_client.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>

#include <memory>

namespace emu::test {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;
using tcp = net::ip::tcp;

// The stream's own timer ends an operation at the deadline; running the io_context only a
// little longer than that is the second guard.
constexpr std::chrono::milliseconds slack{1000};

bool means_closed(const error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == http::error::partial_message ||
           ec == beast::error::timeout; // the stream closed the socket
}

void throw_if(const error_code& ec, const char* what) {
    if (ec)
        throw boost::system::system_error(ec, what);
}

} // namespace

test_client::test_client(unsigned short port, std::string host, std::chrono::milliseconds deadline)
    : stream_(ioc_), host_(std::move(host)), port_(port), deadline_(deadline) {
    const tcp::endpoint endpoint(net::ip::make_address(host_), port_);
    throw_if(run([&](completion done) {
                 stream_.async_connect(endpoint, [done](error_code ec) { done(ec, 0); });
             }),
             "test_client: connect");
}

test_client::~test_client() {
    error_code ec;
    stream_.socket().close(ec);
}

response test_client::request(http::verb method, std::string_view target, std::string body,
                              const header_list& headers) {
    http::request<http::string_body> message{method, target, 11};
    for (const auto& [name, value] : headers)
        message.insert(name, value);
    message.body() = std::move(body);
    return request(std::move(message));
}

response test_client::request(http::request<http::string_body> message) {
    if (message.find(http::field::host) == message.end())
        message.set(http::field::host, host_ + ':' + std::to_string(port_));
    message.prepare_payload();
    throw_if(run([&](completion done) { http::async_write(stream_, message, std::move(done)); }),
             "test_client: write request");
    auto result = read_one(message.method() == http::verb::head);
    throw_if(result.has_error() ? result.error() : error_code{}, "test_client: read response");
    return std::move(*result);
}

void test_client::send_raw(std::string_view bytes) {
    throw_if(run([&](completion done) {
                 net::async_write(stream_, net::buffer(bytes.data(), bytes.size()),
                                  std::move(done));
             }),
             "test_client: send_raw");
}

response test_client::read_response() {
    auto result = try_read_response();
    throw_if(result.has_error() ? result.error() : error_code{}, "test_client: read_response");
    return std::move(*result);
}

boost::system::result<response> test_client::try_read_response() {
    return read_one(false);
}

boost::system::result<response> test_client::read_one(bool head) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(head); // a response to HEAD has no body, whatever its Content-Length says
    const auto ec =
        run([&](completion done) { http::async_read(stream_, buffer_, parser, std::move(done)); });
    if (ec) {
        closed_ = closed_ || means_closed(ec);
        return ec;
    }
    auto message = parser.release();
    if (!message.keep_alive()) { // the server will close: stop sending, as a browser would
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
    return message;
}

std::string test_client::read_until_closed() {
    std::string received(static_cast<const char*>(buffer_.cdata().data()), buffer_.size());
    buffer_.clear();
    const auto ec = run([&](completion done) {
        net::async_read(stream_, net::dynamic_buffer(received), std::move(done));
    });
    if (ec == beast::error::timeout)
        throw boost::system::system_error(ec, "test_client: server kept the connection open");
    if (ec != net::error::eof && ec != net::error::connection_reset)
        throw_if(ec, "test_client: read_until_closed");
    closed_ = true;
    return received;
}

bool test_client::is_closed() {
    if (closed_)
        return true;
    if (buffer_.size() > 0)
        return false;
    auto& socket = stream_.socket();
    char byte = 0;
    error_code ec;
    socket.non_blocking(true, ec);
    const auto n = socket.receive(net::buffer(&byte, 1), tcp::socket::message_peek, ec);
    error_code ignored;
    socket.non_blocking(false, ignored);
    if (ec == net::error::would_block || ec == net::error::try_again || n > 0)
        return false;
    closed_ = true; // end of stream, reset or a dead socket
    return true;
}

void test_client::shutdown_send() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    throw_if(ec, "test_client: shutdown_send");
}

// Runs one asynchronous operation to completion on this thread, within the deadline. The
// completion state is shared so that a late completion cannot touch a finished call.
error_code test_client::run(const std::function<void(completion)>& start) {
    struct outcome {
        bool done = false;
        error_code ec;
    };
    auto result = std::make_shared<outcome>();
    stream_.expires_after(deadline_);
    start([result](error_code ec, std::size_t) {
        result->done = true;
        result->ec = ec;
    });
    ioc_.restart();
    ioc_.run_for(deadline_ + slack);
    if (!result->done) { // the stream's timer did not fire: close to abort the operation
        stream_.close();
        ioc_.restart();
        ioc_.run_for(slack);
        closed_ = true;
        return beast::error::timeout;
    }
    stream_.expires_never();
    return result->ec;
}

} // namespace emu::test
