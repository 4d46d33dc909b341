#include "app/probe.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <optional>

namespace emu {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

struct http_url {
    std::string host, port, target;
};

// http://HOST[:PORT][/PATH]; HOST may be a bracketed IPv6 literal. Not Boost.URL: it is a
// compiled library, and the package and the image would carry it at run time for this one
// argument of a health check, which needs only the scheme, host, port and target.
std::optional<http_url> parse_url(std::string_view url) {
    constexpr std::string_view scheme = "http://";
    if (url.substr(0, scheme.size()) != scheme)
        return std::nullopt;
    url.remove_prefix(scheme.size());
    auto slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    http_url out{{}, "80", slash == std::string_view::npos ? "/" : std::string(url.substr(slash))};
    std::string_view host = authority, port;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        host = authority.substr(1, close - 1);
        auto rest = authority.substr(close + 1);
        if (!rest.empty() && rest.front() != ':')
            return std::nullopt;
        if (!rest.empty())
            port = rest.substr(1);
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty() || host.find('@') != std::string_view::npos)
        return std::nullopt;
    if (!port.empty()) {
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        out.port = port;
    }
    out.host = host;
    return out;
}

// The whole exchange runs asynchronously on one io_context bounded by run_for, so that a
// resolver, a connect or a peer that never answers cannot outlast the timeout.
class exchange {
public:
    exchange(net::io_context& ioc, http_url url)
        : resolver_(ioc), stream_(ioc), url_(std::move(url)) {}

    void start() {
        resolver_.async_resolve(url_.host, url_.port, tcp::resolver::numeric_service,
                                [this](beast::error_code ec, tcp::resolver::results_type r) {
                                    if (ec)
                                        return finish("cannot resolve " + url_.host + ": " +
                                                      ec.message());
                                    stream_.async_connect(r, [this](beast::error_code ec, auto) {
                                        if (ec)
                                            return finish(ec.message());
                                        send();
                                    });
                                });
    }

    void cancel() {
        resolver_.cancel();
        stream_.socket().close();
    }

    std::optional<std::string> error; ///< set when done and failed
    bool done = false;
    unsigned status = 0;

private:
    void send() {
        request_ = {http::verb::get, url_.target, 11};
        request_.set(http::field::host, url_.host);
        request_.set(http::field::user_agent, "fgs-emulator-probe");
        request_.set(http::field::connection, "close");
        http::async_write(stream_, request_, [this](beast::error_code ec, std::size_t) {
            if (ec)
                return finish(ec.message());
            http::async_read(
                stream_, buffer_, response_, [this](beast::error_code ec, std::size_t) {
                    if (ec)
                        return finish(ec.message());
                    status = response_.result_int();
                    finish(status / 100 == 2 ? std::string() : "HTTP " + std::to_string(status));
                });
        });
    }

    void finish(std::string failure) {
        done = true;
        if (!failure.empty())
            error = std::move(failure);
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    tcp::resolver resolver_;
    beast::tcp_stream stream_;
    http_url url_;
    http::request<http::empty_body> request_;
    beast::flat_buffer buffer_;
    http::response<http::string_body> response_;
};

} // namespace

int probe(std::string_view url, std::chrono::milliseconds timeout, std::string& error) {
    auto parsed = parse_url(url);
    if (!parsed) {
        error = "not a plain http://HOST[:PORT][/PATH] URL";
        return 2;
    }
    net::io_context ioc;
    exchange ex(ioc, std::move(*parsed));
    ex.start();
    ioc.run_for(timeout);
    if (!ex.done) {
        ex.cancel();
        ioc.run(); // let the cancelled handlers finish before `ex` goes away
        error = "no answer within " + std::to_string(timeout.count()) + " ms";
        return 1;
    }
    if (ex.error) {
        error = *ex.error;
        return 1;
    }
    return 0;
}

int probe_main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "fgs-emulator: --probe takes exactly one URL, e.g. --probe "
                     "http://127.0.0.1:8000/_emulator/ready\n";
        return 2;
    }
    std::string error;
    int status = probe(argv[2], std::chrono::seconds(3), error);
    if (status != 0)
        std::cerr << "fgs-emulator: probe " << argv[2] << ": " << error << '\n';
    return status;
}

} // namespace emu
