#include "api/time_format.hpp"

#include <chrono>
#include <cstdio>

namespace emu::api {

std::string format_time(domain::time_point t, time_field field, const domain::behaviour& b) {
    using namespace std::chrono;
    const bool utc = b.times == domain::time_style::utc_z;
    const int offset = utc ? 0 : b.utc_offset_minutes;
    auto local = floor<seconds>(t) + minutes(offset);
    auto day = floor<days>(local);
    year_month_day ymd{day};
    hh_mm_ss hms{local - day};
    const bool space_style = b.times == domain::time_style::doc_mixed && field == time_field::modified;
    char buf[40];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02ld:%02ld:%02ld",
                          static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()), space_style ? ' ' : 'T',
                          static_cast<long>(hms.hours().count()),
                          static_cast<long>(hms.minutes().count()),
                          static_cast<long>(hms.seconds().count()));
    std::string out(buf, static_cast<std::size_t>(n));
    if (space_style)
        return out;
    if (utc)
        return out + "Z";
    int abs = offset < 0 ? -offset : offset;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', abs / 60, abs % 60);
    return out + buf;
}

} // namespace emu::api
