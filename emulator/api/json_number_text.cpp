#include "api/json_number_text.hpp"

#include "api/json_reader.hpp"

#include <cstdint>
#include <vector>

namespace emu::api {
namespace {

namespace json = boost::json;
using boost::system::error_code;

/// A basic_parser handler that follows the path of every value and keeps the text of the
/// numbers found at one path. It takes every value (it declines nothing).
class finder : public json_reader {
public:
    explicit finder(std::string_view target) : target_(target) {}

    std::optional<std::string> found;

    bool on_object_begin(error_code&) { return push(false); }
    bool on_object_end(std::size_t, error_code&) { return pop(); }
    bool on_array_begin(error_code&) { return push(true); }
    bool on_array_end(std::size_t, error_code&) { return pop(); }
    bool on_key(json::string_view s, std::size_t, error_code&) {
        stack_.back().key = whole(s);
        used();
        return true;
    }
    bool on_number_part(json::string_view s, error_code&) {
        number_.append(s.data(), s.size());
        return true;
    }
    bool on_string(json::string_view, std::size_t, error_code&) {
        used(); // string parts are not kept
        return scalar();
    }
    bool on_int64(std::int64_t, json::string_view s, error_code&) { return number(s); }
    bool on_uint64(std::uint64_t, json::string_view s, error_code&) { return number(s); }
    bool on_double(double, json::string_view s, error_code&) { return number(s); }
    bool on_bool(bool, error_code&) { return scalar(); }
    bool on_null(error_code&) { return scalar(); }

private:
    struct frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
    };

    bool push(bool array) {
        stack_.push_back({array, 0, {}});
        return true;
    }
    bool pop() {
        stack_.pop_back();
        return scalar();
    }
    /// A value ended: the next one of an array has the next index.
    bool scalar() {
        if (!stack_.empty() && stack_.back().array)
            ++stack_.back().index;
        return true;
    }
    bool number(json::string_view s) {
        number_.append(s.data(), s.size());
        if (path() == target_) {
            bool integer = number_.find_first_of(".eE") == std::string::npos;
            found = integer ? std::optional<std::string>(number_) : std::nullopt;
        }
        number_.clear();
        return scalar();
    }
    std::string path() const {
        std::string p;
        for (auto& f : stack_) {
            if (f.array)
                p += "[" + std::to_string(f.index) + "]";
            else
                p += (p.empty() ? "" : ".") + f.key;
        }
        return p;
    }

    std::string_view target_;
    std::vector<frame> stack_;
    std::string number_;
};

} // namespace

std::optional<std::string> integer_literal_at(std::string_view text, std::string_view path) {
    json::parse_options opt;
    opt.max_depth = 64;
    json::basic_parser<finder> p(opt, path);
    error_code ec;
    p.write_some(false, text.data(), text.size(), ec);
    if (ec)
        return std::nullopt;
    return p.handler().found;
}

} // namespace emu::api
