#include "domain/function_urn.hpp"

#include <array>
#include <utility>

namespace emu::domain {
namespace {

/// Letters, digits and a few extra characters, as a table: every URN is checked on every
/// request, field by field, and a lookup per character is the cheapest test.
class char_set {
public:
    explicit constexpr char_set(std::string_view extra) {
        for (int c = 0; c < 256; ++c)
            in_[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        for (char c : extra)
            in_[static_cast<unsigned char>(c)] = true;
    }
    constexpr bool operator()(char c) const { return in_[static_cast<unsigned char>(c)]; }

private:
    std::array<bool, 256> in_{};
};

constexpr char_set alnum{""};
constexpr char_set name_chars{"-_"};     // packages, functions, aliases, project ids, regions
constexpr char_set version_chars{"-_."}; // version names

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// characters of `set` only
bool only(std::string_view s, const char_set& set) {
    for (char c : s)
        if (!set(c))
            return false;
    return true;
}

bool is_name(std::string_view s, std::size_t max) {
    return !s.empty() && s.size() <= max && is_alpha(s.front()) && alnum(s.back()) &&
           only(s, name_chars);
}

error bad(std::string detail) {
    return make_error(errc::invalid_urn, "function_urn", detail);
}

std::string quoted(std::string_view s) {
    // Built in place: GCC 12 at -O3 reports a false -Wrestrict for "'" + std::string(s) + "'"
    // (the inlined insert at position 0 of a temporary).
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

/// The text a field's shape rules see: the field itself, or under urn_spaces::keep the
/// field without its spaces (a space may stand anywhere; lengths still count it), copied
/// into `scratch` only then. Valid until the next call with the same `scratch`.
std::string_view shape(std::string_view field, bool keep_spaces, std::string& scratch) {
    if (!keep_spaces || field.find(' ') == std::string_view::npos)
        return field;
    scratch.clear();
    for (char c : field)
        if (c != ' ')
            scratch += c;
    return scratch;
}

std::string compose(std::string_view region, std::string_view project_id, std::string_view package,
                    std::string_view function_name, const std::string_view* qualifier) {
    constexpr std::string_view prefix = "urn:fss:", function = ":function:";
    std::string out;
    out.reserve(prefix.size() + region.size() + 1 + project_id.size() + function.size() +
                package.size() + 1 + function_name.size() + 1 +
                (qualifier ? qualifier->size() : 0));
    out.append(prefix).append(region).append(1, ':').append(project_id).append(function);
    out.append(package).append(1, ':').append(function_name);
    if (qualifier)
        out.append(1, ':').append(*qualifier);
    return out;
}

} // namespace

bool is_valid_function_name(std::string_view name) {
    return is_name(name, 60);
}
bool is_valid_alias_name(std::string_view name) {
    return is_name(name, 64);
}
bool is_valid_version_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && name != "latest" && only(name, version_chars);
}
bool is_valid_package_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && only(name, name_chars);
}

std::string compose_urn(std::string_view region, std::string_view project_id,
                        std::string_view package, std::string_view function_name) {
    return compose(region, project_id, package, function_name, nullptr);
}

std::string compose_urn(std::string_view region, std::string_view project_id,
                        std::string_view package, std::string_view function_name,
                        std::string_view qualifier) {
    return compose(region, project_id, package, function_name, &qualifier);
}

std::string function_urn::unqualified() const {
    return compose_urn(region, project_id, package, function_name);
}

std::string function_urn::full() const {
    return compose_urn(region, project_id, package, function_name, qualifier);
}

result<function_urn> parse_function_urn(std::string_view text, const urn_defaults& defaults,
                                        const urn_rules& rules) {
    if (text.empty())
        return bad("the URN is empty");
    // Emulation: D09 — the 1–269 length of func_urn is enforced only when asked.
    if (rules.strict_length && text.size() > 269)
        return bad(std::to_string(text.size()) +
                   " characters, at most 269 allowed (switch strict_urn_length)");
    if (text.size() > 1024)
        return bad("longer than 1024 characters");
    // The fields, up to one more than the longest accepted form (8): enough to tell the count
    // when it is wrong, counted on without keeping the rest.
    std::array<std::string_view, 9> f;
    std::size_t fields = 0;
    for (std::size_t start = 0;;) {
        auto colon = text.find(':', start);
        if (fields < f.size())
            f[fields] = text.substr(start, colon - start);
        ++fields;
        if (colon == std::string_view::npos)
            break;
        start = colon + 1;
    }
    // Emulation: D23 — "trim nothing": only strict rejects a space; otherwise it is kept as
    // part of the field it is in (switch reject_urn_spaces).
    const bool keep_spaces = rules.spaces == urn_spaces::keep;
    std::string scratch; // for shape()
    for (char c : text) {
        if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f)
            continue;
        if (c == ' ' && keep_spaces)
            continue;
        if (c == ' ' && rules.spaces == urn_spaces::reject_switch)
            return bad("it contains a space (switch reject_urn_spaces)");
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return bad("it contains a space or control character");
    }

    // Views into `text` (or the defaults) until the URN is known to be valid: one string each.
    std::string_view region = defaults.region, project_id = defaults.project_id;
    std::string_view package = "default", function_name, qualifier;
    switch (fields) {
    case 1:
        function_name = f[0];
        break;
    case 2:
        package = f[0];
        function_name = f[1];
        break;
    case 3:
    case 4:
        project_id = f[0];
        package = f[1];
        function_name = f[2];
        if (fields == 4)
            qualifier = f[3];
        break;
    case 7:
    case 8:
        for (auto [i, literal] :
             {std::pair<std::size_t, std::string_view>{0, "urn"}, {1, "fss"}, {4, "function"}})
            if (f[i] != literal)
                return bad("field " + std::to_string(i + 1) + " is " + quoted(f[i]) + " where '" +
                           std::string(literal) + "' is expected; a " + std::to_string(fields) +
                           "-field URN must read urn:fss:<region>:<project_id>:function:<package>:"
                           "<function_name>[:<version>|:!<alias>]");
        if (auto r = shape(f[2], keep_spaces, scratch); r.empty() || !only(r, name_chars))
            return bad("region " + quoted(f[2]) + " is not valid");
        region = f[2];
        project_id = f[3];
        package = f[5];
        function_name = f[6];
        if (fields == 8)
            qualifier = f[7];
        break;
    default:
        return bad(std::to_string(fields) +
                   " colon-separated fields; accepted forms have 1, 2, 3, 4, 7 or 8");
    }
    if (auto p = shape(project_id, keep_spaces, scratch);
        p.empty() || project_id.size() > 64 || !only(p, name_chars))
        return bad("project id " + quoted(project_id) + " is not valid");
    if (package.size() > 64 || !is_valid_package_name(shape(package, keep_spaces, scratch)))
        return bad("package " + quoted(package) + " must be 1-64 letters, digits, '-' or '_'");
    if (function_name.size() > 60 ||
        !is_valid_function_name(shape(function_name, keep_spaces, scratch)))
        return bad("function name " + quoted(function_name) +
                   " must be 1-60 letters, digits, '-' or '_', start with a letter and end "
                   "with a letter or digit");
    function_urn u;
    u.region = region;
    u.project_id = project_id;
    u.package = package;
    u.function_name = function_name;
    if (fields == 4 || fields == 8) {
        u.qualified = true;
        if (qualifier == "latest") {
            u.qualifier = "latest";
        } else if (!qualifier.empty() && qualifier.front() == '!') {
            if (qualifier.size() > 65 ||
                !is_valid_alias_name(shape(qualifier.substr(1), keep_spaces, scratch)))
                return bad("alias " + quoted(qualifier.substr(1)) +
                           " must be 1-64 letters, digits, '-' or '_', start with a letter and "
                           "end with a letter or digit");
            u.qualifier = qualifier;
        } else if (auto v = shape(qualifier, keep_spaces, scratch);
                   !v.empty() && qualifier.size() <= 64 && only(v, version_chars)) {
            u.qualifier = qualifier; // not "latest": that was the branch above
        } else {
            return bad("qualifier " + quoted(qualifier) +
                       " is neither 'latest', a version name nor '!alias'");
        }
    }
    return u;
}

} // namespace emu::domain
