// The state documents the emulator starts from: fixture files (--fixtures) and the state
// kept right after start-up for POST /_emulator/reset?to=start. The documents themselves load
// through load_state_document (state_document_import.cpp).
#include "control/state_document.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace emu::control {
namespace json = boost::json;

void remember_startup_state(service_state& svc) {
    svc.startup_state = export_state(svc, std::nullopt, false);
    svc.startup_functions = svc.store.freeze();
}

std::optional<std::string> restore_startup_state(service_state& svc, std::string_view kind,
                                                 const std::optional<std::string>& project) {
    const json::object& start = svc.startup_state;
    const auto* projects_value = start.if_contains("projects");
    if (!projects_value || !projects_value->is_array())
        return std::nullopt; // nothing was loaded at start-up: the start is empty
    const json::array* projects = &projects_value->get_array();
    const bool all = kind == "all";
    auto covers = [&](std::string_view k) { return all || kind == k; };
    json::object doc;
    if (!project) // credentials and tokens stay as they are: reset never touches them
        for (const char* key : {"switches", "clock"})
            if (covers(key) && start.contains(key))
                doc[key] = start.at(key);
    json::array list;
    for (auto& p : *projects) {
        const auto& po = p.as_object();
        const auto* id = po.if_contains("project_id");
        if (!id || !id->is_string() || (project && id->get_string() != *project))
            continue;
        json::object out{{"project_id", *id}};
        auto copy = [&](std::string_view key) {
            if (auto* v = po.if_contains(key))
                out[key] = *v;
        };
        if (covers("switches"))
            copy("switches");
        if (covers("clock"))
            copy("clock");
        if (covers("functions") || kind == "configs")
            out["functions"] =
                export_functions(svc.startup_functions.export_project(id->get_string()));
        if (covers("invocations")) {
            copy("behaviours");
            copy("async_status_log");
        }
        list.push_back(std::move(out));
    }
    doc["projects"] = std::move(list);
    return load_state_document(svc, doc, "the start-up state", kind == "configs");
}

std::optional<std::string> load_fixture_text(service_state& svc, const std::string& text,
                                             const std::string& source) {
    // A stream parser tells how far it got: the error is named by line and column. The
    // document lives in one arena, freed at once after loading.
    json::monotonic_resource arena;
    json::stream_parser parser;
    parser.reset(&arena);
    boost::system::error_code ec;
    std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec)
        parser.finish(ec);
    if (ec) {
        std::size_t at = std::min(used, text.size());
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < at; ++i) {
            if (text[i] == '\n')
                ++line, column = 1;
            else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) // UTF-8: characters
                ++column;
        }
        return source + ": not valid JSON at line " + std::to_string(line) + ", column " +
               std::to_string(column) + " (" + ec.message() + ")";
    }
    return load_state_document(svc, parser.release(), source);
}

std::optional<std::string> load_fixture_dir(service_state& svc, const std::string& dir,
                                            std::size_t* loaded) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return dir + ": not a directory";
    std::vector<fs::path> files;
    for (auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    if (ec)
        return dir + ": " + ec.message();
    std::sort(files.begin(), files.end());
    for (auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string text;
        if (in) {
            text.resize(static_cast<std::size_t>(fs::file_size(file, ec)));
            in.read(text.data(), static_cast<std::streamsize>(text.size()));
        }
        if (!in || ec || in.peek() != std::char_traits<char>::eof())
            return file.string() + ": cannot be read";
        if (auto e = load_fixture_text(svc, text, file.string()))
            return e;
        if (loaded)
            ++*loaded;
    }
    return std::nullopt;
}

} // namespace emu::control
