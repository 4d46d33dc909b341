#pragma once
// The message types the api and http tiers share (Beast messages only, no sockets), and the
// headers a well-behaved client of the public API sends.
#include "http/message.hpp"

#include <string>
#include <utility>
#include <vector>

namespace emu::test {

namespace http = boost::beast::http;

/// A response as a test reads it, through a socket or from the pipeline.
using response = emu::response;
/// Extra request header fields, in order: {{"Content-Type", "application/json"}}.
using header_list = std::vector<std::pair<std::string, std::string>>;

/// What a well-behaved client of the public API sends.
inline const header_list api_headers = {{"X-Auth-Token", "t"},
                                        {"Content-Type", "application/json"}};

} // namespace emu::test
