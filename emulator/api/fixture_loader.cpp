#include "api/fixture_loader.hpp"

#include "api/json_codec.hpp"
#include "domain/validation.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace emu::api {
namespace json = boost::json;

namespace {

std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

const json::array* array_member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_array() ? &it->value().get_array() : nullptr;
}

} // namespace

std::optional<std::string> load_fixture_text(service& svc, const std::string& text,
                                             const std::string& source) {
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec)
        return source + ": not valid JSON (" + ec.message() + ")";
    if (!doc.is_object() || !doc.get_object().contains("projects") ||
        !doc.get_object().at("projects").is_array())
        return source + ": the document must be an object with a \"projects\" array";
    domain::behaviour b = svc.behaviours.defaults();
    b.unknown = domain::unknown_fields::ignore; // "qualifier" and nested lists are ours
    auto fail = [&](const std::string& path, const domain::error& e) {
        return source + ": " + path + "." + e.field + ": " + e.detail;
    };
    const auto& projects = doc.get_object().at("projects").get_array();
    for (std::size_t p = 0; p < projects.size(); ++p) {
        std::string ppath = at("projects", p);
        if (!projects[p].is_object())
            return source + ": " + ppath + " must be an object";
        const auto& project = projects[p].get_object();
        auto id = project.find("project_id");
        if (id == project.end() || !id->value().is_string() || id->value().get_string().empty())
            return source + ": " + ppath + ".project_id is required (a string)";
        std::string project_id(id->value().get_string());
        const json::array* functions = array_member(project, "functions");
        if (!functions)
            continue;
        for (std::size_t f = 0; f < functions->size(); ++f) {
            std::string fpath = ppath + "." + at("functions", f);
            auto input = decode_function_input((*functions)[f]);
            if (!input)
                return fail(fpath, input.error());
            auto record = domain::build_function(*input);
            if (!record)
                return fail(fpath, record.error());
            auto now = svc.clock.now();
            auto stored = svc.store.create_function(project_id, svc.region, std::move(*record),
                                                    b, now);
            if (!stored)
                return fail(fpath, stored.error());
            const json::array* configs =
                array_member((*functions)[f].get_object(), "async_invoke_configs");
            if (!configs)
                continue;
            for (std::size_t c = 0; c < configs->size(); ++c) {
                std::string cpath = fpath + "." + at("async_invoke_configs", c);
                auto cin = decode_config_input((*configs)[c], b);
                if (!cin)
                    return fail(cpath, cin.error());
                std::string qualifier = "latest";
                if (auto* q = (*configs)[c].get_object().if_contains("qualifier"))
                    if (q->is_string())
                        qualifier = q->get_string();
                auto urn = domain::parse_function_urn(stored->func_urn().substr(0, stored->func_urn().rfind(':')) + ":" + qualifier,
                                                      {project_id, svc.region});
                if (!urn)
                    return fail(cpath, urn.error());
                auto put = svc.store.put_config(project_id, *urn, *cin, b, now);
                if (!put)
                    return fail(cpath, put.error());
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> load_fixture_dir(service& svc, const std::string& dir) {
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
        std::ostringstream text;
        text << in.rdbuf();
        if (!in)
            return file.string() + ": cannot be read";
        if (auto e = load_fixture_text(svc, text.str(), file.string()))
            return e;
    }
    return std::nullopt;
}

} // namespace emu::api
