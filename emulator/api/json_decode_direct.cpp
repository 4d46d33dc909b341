// The PUT async-invoke-config body and a destination's `param`, decoded straight from their
// text by Boost.JSON's basic_parser, with no DOM in between (the DOM round trip was a fifth
// of a PUT). Each reader takes only the shapes clients send and declines everything else —
// a syntax error, an unknown or repeated key, a wrong type, a number beyond int64 — which the
// DOM decoders in json_decode.cpp then decode, and word the errors for, exactly as before.
#include "api/json_codec.hpp"
#include "api/json_decode_support.hpp"
#include "api/json_reader.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace emu::api {
namespace {

namespace json = boost::json;
using boost::system::error_code;

/// Runs `r` over all of `text`: true when it parsed to the end (no syntax error, no extra
/// text) and `r` declined nothing.
template <class Reader> bool run(json::basic_parser<Reader>& p, std::string_view text) {
    error_code ec;
    const std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    return !ec && n == text.size();
}

/// A `param` object of scalars, each key once. An array or object as a value, or a key seen
/// twice, is declined (read_param_dom decides those); anything but an object at the top is
/// no object at all.
class param_reader : public json_reader {
public:
    std::map<std::string, domain::param_value> fields;
    bool not_object = false;

    bool on_object_begin(error_code& ec) {
        if (depth_++ == 0)
            return true;
        return decline(ec);
    }
    bool on_object_end(std::size_t, error_code&) {
        --depth_;
        return true;
    }
    bool on_array_begin(error_code& ec) { return depth_ == 0 ? top_scalar(ec) : decline(ec); }
    bool on_key(json::string_view s, std::size_t, error_code&) {
        key_ = whole(s);
        used();
        return true;
    }
    bool on_string(json::string_view s, std::size_t, error_code& ec) {
        bool ok = value(std::string(whole(s)), ec);
        used();
        return ok;
    }
    bool on_int64(std::int64_t v, json::string_view, error_code& ec) { return value(v, ec); }
    bool on_uint64(std::uint64_t, json::string_view, error_code& ec) {
        return value(std::numeric_limits<std::int64_t>::max(), ec);
    }
    bool on_double(double v, json::string_view, error_code& ec) { return value(v, ec); }
    bool on_bool(bool v, error_code& ec) { return value(v, ec); }
    bool on_null(error_code& ec) { return value(std::monostate{}, ec); }

private:
    bool top_scalar(error_code& ec) {
        not_object = true;
        ec = json::error::exception;
        return false;
    }
    bool value(domain::param_value v, error_code& ec) {
        if (depth_ == 0)
            return top_scalar(ec);
        if (!fields.try_emplace(std::move(key_), std::move(v)).second)
            return decline(ec);
        return true;
    }

    int depth_ = 0;
    std::string key_;
};

/// read_destination_param through a DOM: every param the direct reader declines.
std::optional<std::map<std::string, domain::param_value>> read_param_dom(std::string_view param) {
    json::parse_options opt;
    opt.max_depth = 16;
    boost::system::error_code ec;
    alignas(std::max_align_t) unsigned char buffer[1024];
    json::monotonic_resource memory(buffer, sizeof buffer);
    json::value v = json::parse(param, ec, &memory, opt);
    if (ec || !v.is_object())
        return std::nullopt;
    std::map<std::string, domain::param_value> fields;
    for (auto& kv : v.get_object()) {
        const json::value& x = kv.value();
        domain::param_value pv;
        if (x.is_null())
            pv = std::monostate{};
        else if (x.is_bool())
            pv = x.get_bool();
        else if (x.is_int64())
            pv = x.get_int64();
        else if (x.is_uint64())
            pv = std::numeric_limits<std::int64_t>::max();
        else if (x.is_double())
            pv = x.get_double();
        else if (x.is_string())
            pv = std::string(x.get_string());
        else
            pv = domain::param_other{};
        fields.emplace(std::string(kv.key()), std::move(pv));
    }
    return fields;
}

/// The members of a PUT body this reader takes, each at most once.
enum class member : std::uint8_t {
    none,
    event_age,
    retry_attempts,
    status_log,
    log_group_id,
    log_stream_id,
    log_group_name,
    log_stream_name,
    destination_config,
    on_success,
    on_failure,
    destination,
    param,
};

/// A PUT async-invoke-config body: the top object, destination_config, and its targets.
class config_reader : public json_reader {
public:
    domain::config_input in;

    bool on_object_begin(error_code& ec) {
        const member m = std::exchange(pending_, member::none);
        if (level_ == level::top && m == member::none)
            level_ = level::body;
        else if (level_ == level::body && m == member::destination_config) {
            in.has_destination_config = true;
            level_ = level::destinations;
        } else if (level_ == level::destinations && m != member::none) {
            target_ = &(m == member::on_success ? in.on_success : in.on_failure).emplace();
            seen_target_ = 0;
            level_ = level::target;
        } else
            return decline(ec);
        return true;
    }
    bool on_object_end(std::size_t, error_code&) {
        level_ = level_ == level::target         ? level::destinations
                 : level_ == level::destinations ? level::body
                                                 : level::top;
        return true;
    }
    bool on_key(json::string_view s, std::size_t, error_code& ec) {
        const std::string_view key = whole(s);
        pending_ = member_at(key);
        used();
        if (pending_ == member::none)
            return decline(ec);
        unsigned& seen = level_ == level::target ? seen_target_ : seen_;
        const unsigned bit = 1u << static_cast<unsigned>(pending_);
        if (seen & bit)
            return decline(ec);
        seen |= bit;
        return true;
    }
    bool on_string(json::string_view s, std::size_t, error_code& ec) {
        std::optional<std::string>* out = nullptr;
        bool is_param = false;
        switch (std::exchange(pending_, member::none)) {
        case member::log_group_id:
            out = &in.log_group_id;
            break;
        case member::log_stream_id:
            out = &in.log_stream_id;
            break;
        case member::log_group_name:
            out = &in.log_group_name;
            break;
        case member::log_stream_name:
            out = &in.log_stream_name;
            break;
        case member::destination:
            out = &target_->destination;
            break;
        case member::param:
            out = &target_->param;
            is_param = true;
            break;
        default:
            return decline(ec);
        }
        out->emplace(whole(s));
        used();
        if (is_param)
            decode::decode_param(*target_);
        return true;
    }
    bool on_int64(std::int64_t v, json::string_view, error_code& ec) {
        switch (std::exchange(pending_, member::none)) {
        case member::event_age:
            in.max_async_event_age_in_seconds = v;
            return true;
        case member::retry_attempts:
            in.max_async_retry_attempts = v;
            return true;
        default:
            return decline(ec);
        }
    }
    bool on_bool(bool v, error_code& ec) {
        if (std::exchange(pending_, member::none) != member::status_log)
            return decline(ec);
        in.enable_async_status_log = v;
        return true;
    }

private:
    enum class level : std::uint8_t { top, body, destinations, target };

    /// The member `key` names at the current level; none for a key unknown there.
    member member_at(std::string_view key) const {
        switch (level_) {
        case level::body:
            return key == "max_async_event_age_in_seconds" ? member::event_age
                   : key == "max_async_retry_attempts"     ? member::retry_attempts
                   : key == "destination_config"           ? member::destination_config
                   : key == "enable_async_status_log"      ? member::status_log
                   : key == "log_group_id"                 ? member::log_group_id
                   : key == "log_stream_id"                ? member::log_stream_id
                   : key == "log_group_name"               ? member::log_group_name
                   : key == "log_stream_name"              ? member::log_stream_name
                                                           : member::none;
        case level::destinations:
            return key == "on_success"   ? member::on_success
                   : key == "on_failure" ? member::on_failure
                                         : member::none;
        case level::target:
            return key == "destination" ? member::destination
                   : key == "param"     ? member::param
                                        : member::none;
        case level::top:
            break;
        }
        return member::none;
    }

    level level_ = level::top;
    member pending_ = member::none;
    unsigned seen_ = 0, seen_target_ = 0;
    domain::destination_input* target_ = nullptr;
};

/// Takes any JSON text, and notes whether the document is an object.
class object_checker : public json_reader {
public:
    bool is_object = false;

    bool on_object_begin(error_code&) {
        is_object = is_object || depth_ == 0;
        ++depth_;
        return true;
    }
    bool on_object_end(std::size_t, error_code&) { return --depth_, true; }
    bool on_array_begin(error_code&) { return ++depth_, true; }
    bool on_array_end(std::size_t, error_code&) { return --depth_, true; }
    bool on_key(json::string_view, std::size_t, error_code&) { return used(), true; }
    bool on_string(json::string_view, std::size_t, error_code&) { return used(), true; }
    bool on_int64(std::int64_t, json::string_view, error_code&) { return true; }
    bool on_uint64(std::uint64_t, json::string_view, error_code&) { return true; }
    bool on_double(double, json::string_view, error_code&) { return true; }
    bool on_bool(bool, error_code&) { return true; }
    bool on_null(error_code&) { return true; }

private:
    int depth_ = 0;
};

json::parse_options body_options() {
    json::parse_options opt;
    opt.max_depth = 64;
    return opt;
}

} // namespace

std::optional<std::map<std::string, domain::param_value>>
read_destination_param(std::string_view param) {
    json::parse_options opt;
    opt.max_depth = 16;
    json::basic_parser<param_reader> p(opt);
    const bool parsed = run(p, param);
    auto& r = p.handler();
    if (r.declined)
        return read_param_dom(param);
    if (!parsed || r.not_object)
        return std::nullopt;
    return std::move(r.fields);
}

void decode::decode_param(domain::destination_input& d) {
    if (auto fields = read_destination_param(*d.param)) {
        d.param_is_json_object = true;
        d.param_fields = std::move(*fields);
    }
}

std::optional<domain::config_input> decode_config_input_direct(std::string_view body) {
    json::basic_parser<config_reader> p(body_options());
    if (!run(p, body) || p.handler().declined)
        return std::nullopt;
    return std::move(p.handler().in);
}

bool is_json_object_text(std::string_view text) {
    json::basic_parser<object_checker> p(body_options());
    return run(p, text) && p.handler().is_object;
}

} // namespace emu::api
