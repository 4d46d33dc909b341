#pragma once
// marker/limit paging of list operations (spec §4.1, D10). Pure, thread-safe.
#include "domain/error.hpp"
#include "domain/switches.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace emu::domain {

/// A validated page request: a numeric offset and a page size.
struct page_request {
    std::size_t offset = 0;
    std::size_t limit = 10;
};

/// Limits of one list operation.
struct paging_rules {
    std::string_view limit_name = "limit"; ///< query parameter holding the page size
    std::size_t default_limit = 10;        ///< used when absent or 0
    std::size_t max_limit = 100;           ///< larger values are treated as this
};

/// Parses `marker` (numeric offset, ≤ 64 chars) and `limit` (absent/0 → default, above
/// max → max, negative / not a number → error). Errors: invalid_query_parameter.
result<page_request> parse_page_request(std::optional<std::string_view> marker,
                                        std::optional<std::string_view> limit,
                                        const paging_rules& rules = {});

/// PageInfo of an answer.
struct page_info {
    std::int64_t next_marker = 0;
    std::int64_t previous_marker = 0;
    std::int64_t current_count = 0;
};

/// Computes PageInfo for `returned` items at `req.offset` out of `total`.
/// The page_info of a page; next_marker on the last page follows switch list_end_marker (D10).
page_info make_page_info(const page_request& req, std::size_t returned, std::size_t total,
                         const switches& b);

} // namespace emu::domain
