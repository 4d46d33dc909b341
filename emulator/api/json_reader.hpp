#pragma once
// The base of Boost.JSON basic_parser handlers in the API layer (json_decode_direct.cpp,
// json_number_text.cpp): no size limits of their own, and every event a handler does not take
// stops the parse as declined. Include it only where a basic_parser is instantiated: it brings
// in the parser's implementation. Internal to the API layer.
#include <boost/json/basic_parser_impl.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace emu::api {

/// What every basic_parser handler here shares: no size limits of its own, and every event
/// a reader does not take stops the parse as declined.
class json_reader {
protected:
    using error_code = boost::system::error_code;
    using text = boost::json::string_view;

public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    bool declined = false;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code& ec) { return decline(ec); }
    bool on_array_end(std::size_t, error_code& ec) { return decline(ec); }
    bool on_key_part(text s, std::size_t, error_code&) { return part(s); }
    bool on_string_part(text s, std::size_t, error_code&) { return part(s); }
    bool on_number_part(text, error_code&) { return true; }
    bool on_uint64(std::uint64_t, text, error_code& ec) { return decline(ec); }
    bool on_double(double, text, error_code& ec) { return decline(ec); }
    bool on_null(error_code& ec) { return decline(ec); }
    bool on_comment_part(text, error_code& ec) { return decline(ec); }
    bool on_comment(text, error_code& ec) { return decline(ec); }

protected:
    bool decline(error_code& ec) {
        declined = true;
        ec = boost::json::error::exception;
        return false;
    }
    bool part(text s) {
        parts_.append(s.data(), s.size());
        return true;
    }
    /// A key or string whose last part is `s`: whole, without a copy when it came in one part.
    std::string_view whole(text s) {
        if (parts_.empty())
            return {s.data(), s.size()};
        parts_.append(s.data(), s.size());
        return parts_;
    }
    /// After whole()'s text has been used.
    void used() { parts_.clear(); }

private:
    std::string parts_;
};

} // namespace emu::api
