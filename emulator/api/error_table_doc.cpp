// The markdown of the error table: the generated part of docs/errors.md.
#include "api/error_table.hpp"

#include <sstream>

namespace emu::api {
namespace {

std::string_view page_name(page_kind p) {
    switch (p) {
    case page_kind::lifecycle:
        return "lifecycle pages";
    case page_kind::async_invocation:
        return "async-invocation pages";
    case page_kind::alias_query:
        return "alias query page";
    }
    return "";
}

/// "`name`" or "`name=value`" with the switch's reference, e.g. "`bad_json=400` (D26)".
std::string switch_ref(std::string_view name, std::string_view value = {}) {
    std::string out = "`" + std::string(name);
    if (!value.empty())
        out += "=" + std::string(value);
    out += "`";
    for (auto& sw : domain::switch_table())
        if (sw.name == name)
            return out + " (" + std::string(sw.ref) + ")";
    return out;
}

/// The switch placeholder of a code ("{gateway_prefix}.0101" → "gateway_prefix"), or "".
std::string_view code_switch(std::string_view code) {
    auto open = code.find('{');
    auto close = code.find('}');
    if (open == std::string_view::npos || close == std::string_view::npos)
        return {};
    return code.substr(open + 1, close - open - 1);
}

/// What picks the variant: "`bad_json=400` (D26)", a page, the code's prefix switch.
std::string picked_by(const error_row& row, const error_variant& v) {
    static const domain::switches documented;
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    if (!row.select.empty()) {
        if (v.when.empty())
            add(switch_ref(row.select) + " otherwise");
        else
            add(switch_ref(row.select, v.when) +
                (domain::get_switch(documented, row.select) == v.when ? ", the default" : ""));
    }
    if (v.page)
        add("on the " + std::string(page_name(*v.page)));
    else {
        for (auto& other : row.variants)
            if (other.page && other.when == v.when && &other != &v) {
                add("on other pages");
                break;
            }
    }
    if (auto sw = code_switch(v.code); !sw.empty())
        add("code prefix " + switch_ref(sw));
    return out;
}

/// The switches the journal's rule names, e.g. "`retry_max` (D02) for `max_async_retry_attempts`".
std::string rule_switches(const error_row& row) {
    std::string out;
    for (auto& rs : row.rule_switches) {
        out += out.empty() ? "" : "; ";
        out += switch_ref(rs.name);
        if (!rs.field.empty())
            out += " for `" + std::string(rs.field) + "`";
    }
    return out;
}

} // namespace

std::string error_table_markdown() {
    static const domain::switches documented;
    std::ostringstream s;
    s << "| Rule | Situation | Status | error_code | error_msg starts with | Picked by | "
         "Rule names |\n"
      << "|---|---|---|---|---|---|---|\n";
    for (auto& row : error_table()) {
        bool first = true;
        for (auto& v : row.variants) {
            s << "| " << (first ? "`" + std::string(row.rule) + "`" : "") << " | "
              << (first ? row.situation : "…") << " | " << static_cast<unsigned>(v.status) << " | `"
              << error_code_of(v, documented) << "` | `" << v.message << "` | " << picked_by(row, v)
              << " | " << (first ? rule_switches(row) : "") << " |\n";
            first = false;
        }
    }
    return s.str();
}

} // namespace emu::api
