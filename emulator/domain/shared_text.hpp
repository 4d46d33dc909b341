#pragma once
// An immutable string whose copies share one buffer, for a record field that most records
// hold with the same value: the digest of empty code (every function created without code,
// the usual fixture). That value is kept once for the whole process; others once per record
// that made them, shared by its copies.
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace emu::domain {

class shared_text {
public:
    shared_text() : text_(common(empty_text())) {}
    shared_text(std::string text) // NOLINT(google-explicit-constructor): a string field
        : text_(text == common_digest() ? common(common_digest())
                : text.empty()          ? common(empty_text())
                                        : std::make_shared<const std::string>(std::move(text))) {}
    shared_text(const char* text) : shared_text(std::string(text)) {} // NOLINT

    const std::string& str() const { return *text_; }
    operator std::string_view() const { return *text_; } // NOLINT: read like a string
    bool empty() const { return text_->empty(); }
    std::size_t size() const { return text_->size(); }

    friend bool operator==(const shared_text& a, std::string_view b) { return a.str() == b; }
    friend std::ostream& operator<<(std::ostream& out, const shared_text& t) {
        return out << t.str();
    }

private:
    /// The SHA-512 hex digest of empty code.
    static const std::string& common_digest() {
        static const std::string digest =
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
        return digest;
    }
    static const std::string& empty_text() {
        static const std::string empty;
        return empty;
    }
    /// A pointer to a value that lives as long as the process, without a reference count
    /// (copying it touches no shared counter).
    static std::shared_ptr<const std::string> common(const std::string& value) {
        return {std::shared_ptr<const std::string>(), &value};
    }

    std::shared_ptr<const std::string> text_;
};

} // namespace emu::domain
