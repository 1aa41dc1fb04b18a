#include "core/runs/RunNotes.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace inception {

namespace fs = std::filesystem;

namespace {

std::string notesPath(const std::string& folder) {
    return (fs::path(folder) / kRunNotesFile).string();
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string checkedTag(const std::string& raw) {
    const std::string tag = trimmed(raw);
    if (tag.empty())
        throw InputError("tag", "is empty");
    if (tag.size() > 64)
        throw InputError("tag", "is longer than 64 characters");
    for (const char c : tag)
        if (c == ',' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw InputError("tag", "'" + tag + "' holds a comma or a control character");
    return tag;
}

void requireRunFolder(const std::string& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error))
        throw InputError(folder, "is not a run or experiment folder");
}

} // namespace

bool RunNotes::hasTag(const std::string& tag) const {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

RunNotes readRunNotes(const std::string& folder) {
    const std::string path = notesPath(folder);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    RunNotes notes;
    try {
        const auto json =
            nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
        if (!json.is_object())
            throw InputError(path, "is not a JSON object");
        if (json.contains("note")) {
            if (!json["note"].is_string())
                throw InputError(path, "\"note\" is not a string");
            notes.note = json["note"].get<std::string>();
        }
        if (json.contains("tags")) {
            if (!json["tags"].is_array())
                throw InputError(path, "\"tags\" is not a list");
            for (const auto& tag : json["tags"]) {
                if (!tag.is_string())
                    throw InputError(path, "a tag is not a string");
                notes.tags.push_back(tag.get<std::string>());
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path, std::string("is not valid JSON (") + e.what() + ")");
    }
    return notes;
}

void writeRunNotes(const std::string& folder, const RunNotes& notes) {
    requireRunFolder(folder);
    nlohmann::json tags = nlohmann::json::array();
    for (const std::string& tag : notes.tags)
        if (const std::string checked = checkedTag(tag);
            std::find(tags.begin(), tags.end(), checked) == tags.end())
            tags.push_back(checked);
    const nlohmann::json json = {{"note", notes.note}, {"tags", tags}};
    writeFileAtomically(notesPath(folder), json.dump(2) + "\n");
}

std::vector<std::string> tagRun(const std::string& folder, const std::vector<std::string>& tags,
                                bool remove) {
    requireRunFolder(folder);
    RunNotes notes = readRunNotes(folder);
    for (const std::string& raw : tags) {
        const std::string tag = checkedTag(raw);
        const auto found = std::find(notes.tags.begin(), notes.tags.end(), tag);
        if (remove && found != notes.tags.end())
            notes.tags.erase(found);
        else if (!remove && found == notes.tags.end())
            notes.tags.push_back(tag);
    }
    writeRunNotes(folder, notes);
    return notes.tags;
}

void noteRun(const std::string& folder, const std::string& note) {
    requireRunFolder(folder);
    RunNotes notes = readRunNotes(folder);
    notes.note = note;
    writeRunNotes(folder, notes);
}

} // namespace inception
