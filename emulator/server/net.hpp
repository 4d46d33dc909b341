#pragma once
// Namespace aliases and the connection types of the transport layer — nothing else.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>

namespace emu::server {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// A connection's executor is the executor of one io_context that exactly one I/O thread runs
// (server.cpp). That is Asio's implicit strand: all handlers of the connection run on that
// thread, one after another. An explicit net::strand on top would serialise nothing more and
// costs a mutex and a queue per handler (measured: about 15% of GET throughput; docs/
// architecture.md). Naming the concrete type avoids any_io_executor's type erasure.
using connection_executor = net::io_context::executor_type;
using stream_socket = net::basic_stream_socket<tcp, connection_executor>;
using connection_timer =
    net::basic_waitable_timer<std::chrono::steady_clock,
                              net::wait_traits<std::chrono::steady_clock>, connection_executor>;
} // namespace emu::server
