#include "api/time_format.hpp"

#include <chrono>

namespace emu::api {

namespace {

/// Writes `value` (not negative) as exactly `width` decimal digits at `at` (no snprintf: this
/// is on every answer).
void put_digits(char* at, long long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

/// Appends `value` as exactly `width` decimal digits.
void digits(std::string& out, long long value, int width) {
    char buf[20];
    put_digits(buf, value, width);
    out.append(buf, static_cast<std::size_t>(width));
}

/// "YYYY-MM-DD?HH:MM:SS" of a time point already shifted to the wanted zone. The text of the
/// last second formatted is kept on each thread: an answer's two timestamps, and the answers
/// about what a test or a fixture made, are mostly of one second, and the civil date costs
/// more than the copy.
void date_time(std::string& out, std::chrono::sys_seconds local, char separator) {
    using namespace std::chrono;
    thread_local sys_seconds last = sys_seconds::min();
    thread_local char text[19];
    if (local != last) {
        auto day = floor<days>(local);
        year_month_day ymd{day};
        hh_mm_ss hms{local - day};
        put_digits(text, static_cast<int>(ymd.year()), 4);
        text[4] = '-';
        put_digits(text + 5, static_cast<unsigned>(ymd.month()), 2);
        text[7] = '-';
        put_digits(text + 8, static_cast<unsigned>(ymd.day()), 2);
        put_digits(text + 11, hms.hours().count(), 2);
        text[13] = ':';
        put_digits(text + 14, hms.minutes().count(), 2);
        text[16] = ':';
        put_digits(text + 17, hms.seconds().count(), 2);
        last = local;
    }
    text[10] = separator;
    out.append(text, sizeof text);
}

} // namespace

void append_time(std::string& out, domain::time_point t, time_field field,
                 const domain::switches& b) {
    using namespace std::chrono;
    const bool utc = b.time_style == domain::time_style::utc_z;
    const int offset = utc ? 0 : b.utc_offset_minutes;
    const bool space_style =
        b.time_style == domain::time_style::doc_mixed && field == time_field::modified;
    date_time(out, floor<seconds>(t) + minutes(offset), space_style ? ' ' : 'T');
    if (space_style)
        return;
    if (utc) {
        out.push_back('Z');
        return;
    }
    int abs = offset < 0 ? -offset : offset;
    out.push_back(offset < 0 ? '-' : '+');
    digits(out, abs / 60, 2);
    out.push_back(':');
    digits(out, abs % 60, 2);
}

std::string format_time(domain::time_point t, time_field field, const domain::switches& b) {
    std::string out;
    out.reserve(25);
    append_time(out, t, field, b);
    return out;
}

std::string format_exact(domain::time_point t) {
    using namespace std::chrono;
    auto ns = floor<nanoseconds>(t);
    std::string out;
    out.reserve(30);
    date_time(out, floor<seconds>(ns), 'T');
    out.push_back('.');
    digits(out, (ns - floor<seconds>(ns)).count(), 9);
    out.push_back('Z');
    return out;
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
        !digits(8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(11, 2, h) || s[13] != ':' ||
        !digits(14, 2, mi) || s[16] != ':' || !digits(17, 2, sec))
        return std::nullopt;
    year_month_day ymd{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}};
    // time_point counts nanoseconds in 64 bits: 1677-09-21 to 2262-04-11; later or earlier
    // dates would wrap around silently.
    if (!ymd.ok() || y < 1678 || y > 2261 || h > 23 || mi > 59 || sec > 59)
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
