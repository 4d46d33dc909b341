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

std::string format_exact(domain::time_point t) {
    using namespace std::chrono;
    auto ns = floor<nanoseconds>(t);
    auto day = floor<days>(ns);
    year_month_day ymd{day};
    hh_mm_ss hms{ns - day};
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%09lldZ",
                          static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                          static_cast<long>(hms.minutes().count()),
                          static_cast<long>(hms.seconds().count()),
                          static_cast<long long>(hms.subseconds().count()));
    return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<domain::time_point> parse_time(std::string_view s) {
    using namespace std::chrono;
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > s.size())
            return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!digits(0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
        !digits(8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(11, 2, h) ||
        s[13] != ':' || !digits(14, 2, mi) || s[16] != ':' || !digits(17, 2, sec))
        return std::nullopt;
    year_month_day ymd{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    std::size_t pos = 19;
    nanoseconds frac{0};
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        long long value = 0;
        int count = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (count < 9) {
                value = value * 10 + (s[pos] - '0');
                ++count;
            }
            ++pos;
        }
        if (count == 0)
            return std::nullopt;
        for (int i = count; i < 9; ++i)
            value *= 10;
        frac = nanoseconds(value);
    }
    minutes offset{0};
    if (pos < s.size() && s[pos] == 'Z') {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(pos + 4, 2, om) || oh > 14 || om > 59)
            return std::nullopt;
        offset = minutes((s[pos] == '-' ? -1 : 1) * (oh * 60 + om));
        pos += 6;
    }
    if (pos != s.size())
        return std::nullopt;
    auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + frac - offset;
    return time_point_cast<domain::time_point::duration>(t);
}

} // namespace emu::api
