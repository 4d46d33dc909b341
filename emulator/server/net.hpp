#pragma once
// Namespace aliases for the transport layer — nothing else.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>

namespace emu::server {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// Concrete executor types for connections: each connection lives on a strand of one
// single-threaded io_context, and naming the type avoids any_io_executor's type erasure
// on every asynchronous operation.
using strand = net::strand<net::io_context::executor_type>;
using stream_socket = net::basic_stream_socket<tcp, strand>;
using stream = beast::basic_stream<tcp, strand>;
using strand_timer = net::basic_waitable_timer<std::chrono::steady_clock,
                                               net::wait_traits<std::chrono::steady_clock>, strand>;
} // namespace emu::server
