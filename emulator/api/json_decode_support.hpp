#pragma once
// Type-checking helpers of the request decoders (json_decode*.cpp): every error names the
// field path and the JSON type found. Internal to the API layer.
#include "api/json_number_text.hpp"
#include "domain/async_invoke_config.hpp"
#include "domain/error.hpp"
#include "domain/sent_integer.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace emu::api::decode {

inline std::string kind_of(const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::null:
        return "null";
    case boost::json::kind::bool_:
        return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
        return "an integer";
    case boost::json::kind::double_:
        return "a number with a fraction or exponent";
    case boost::json::kind::string:
        return "a string";
    case boost::json::kind::array:
        return "an array";
    case boost::json::kind::object:
        return "an object";
    }
    return "a value";
}

/// Where a value sits in the request body ("destination_config.on_success.param"), as a chain
/// of views into the parsed body on the decoder's stack: the text is built only for an error
/// message, not for every field decoded.
class field_path {
public:
    /// The body itself (empty path).
    field_path() = default;
    /// The body itself, parsed from `source` (its text, for integer_text()).
    static field_path body(std::string_view source) {
        field_path p;
        p.source_ = source;
        return p;
    }
    /// A root with a name of its own ("request body").
    field_path(const char* name) : key_(name) {}
    /// A member of `parent`.
    field_path(const field_path& parent, std::string_view key) : parent_(&parent), key_(key) {}
    /// An element of the array at `parent`.
    field_path(const field_path& parent, std::size_t index)
        : parent_(&parent), index_(index), is_index_(true) {}

    std::string str() const {
        if (!parent_)
            return std::string(key_);
        std::string s = parent_->str();
        if (is_index_)
            return s + "[" + std::to_string(index_) + "]";
        if (!s.empty())
            s += '.';
        return s.append(key_);
    }

    /// The integer literal at this path as sent, when the root knows the body's text and the
    /// value there was written without fraction or exponent.
    std::optional<std::string> integer_text() const {
        const field_path* root = this;
        while (root->parent_)
            root = root->parent_;
        if (root->source_.empty())
            return std::nullopt;
        return integer_literal_at(root->source_, str());
    }

private:
    const field_path* parent_ = nullptr;
    std::string_view source_;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

inline domain::error type_error(const field_path& path, std::string_view expected,
                                const boost::json::value& v) {
    std::string name = path.str();
    std::string message = name + " must be " + std::string(expected) + ", got " + kind_of(v);
    return domain::make_error(domain::errc::invalid_type, std::move(name), std::move(message));
}

/// Walks the members of an object: known keys go to `on_key`, unknown ones are ignored
/// or rejected (D07, switch unknown_fields).
template <class F>
domain::result<void> for_members(const boost::json::object& o, const field_path& path,
                                 std::initializer_list<std::string_view> known, bool reject,
                                 F&& on_key) {
    for (auto& kv : o) {
        std::string_view key = kv.key();
        bool is_known = false;
        for (auto k : known)
            is_known = is_known || k == key;
        if (is_known) {
            if (auto r = on_key(key, kv.value(), field_path(path, key)); !r)
                return r;
        } else if (reject) {
            std::string name = field_path(path, key).str();
            std::string message = "unknown field " + name + " (switch unknown_fields=reject)";
            return domain::make_error(domain::errc::invalid_format, std::move(name),
                                      std::move(message));
        }
    }
    return {};
}

/// Digits as a message shows them: at most 40, then how many there were.
inline std::string cut_digits(std::string s) {
    constexpr std::size_t shown = 40;
    std::size_t digits = s.size() - (s.front() == '-' ? 1 : 0);
    if (s.size() > shown)
        s = s.substr(0, shown) + "... (" + std::to_string(digits) + " digits)";
    return s;
}

/// An integer. One beyond the int64 range (Boost.JSON gives a uint64, or a double for more
/// digits than that) is not a type error: `sent` gets its digits as sent (under the path) and
/// the value saturates, outside every documented range, so the domain's range message names
/// the value as sent. A number with a fraction or exponent is a type error.
inline domain::result<std::int64_t> as_int(const boost::json::value& v, const field_path& path,
                                           domain::sent_integers& sent) {
    if (v.is_int64())
        return v.get_int64();
    std::optional<std::string> text;
    if (v.is_uint64())
        text = std::to_string(v.get_uint64());
    else if (v.is_double())
        text = path.integer_text();
    if (!text)
        return type_error(path, "an integer", v);
    bool negative = text->front() == '-';
    sent[path.str()] = cut_digits(std::move(*text));
    return negative ? std::numeric_limits<std::int64_t>::min()
                    : std::numeric_limits<std::int64_t>::max();
}

inline domain::result<std::string> as_string(const boost::json::value& v, const field_path& path) {
    if (v.is_string())
        return std::string(v.get_string());
    return type_error(path, "a string", v);
}

inline domain::result<bool> as_bool(const boost::json::value& v, const field_path& path) {
    if (v.is_bool())
        return v.get_bool();
    return type_error(path, "a boolean", v);
}

/// Fills what a destination's `param` holds (param_fields, param_is_json_object) from its
/// text, for both decoders of a PUT body (json_decode_direct.cpp).
void decode_param(domain::destination_input& d);

/// Stores a decoded value in an optional member, or returns the decoding error.
template <class T, class U>
domain::result<void> assign(std::optional<T>& out, domain::result<U> r) {
    if (!r)
        return r.error();
    out = std::move(*r);
    return {};
}

} // namespace emu::api::decode
