#pragma once

#include <string>
#include <vector>

namespace inception {

// What the user wrote about a run or an experiment: a free-text note and tags, kept in
// `notes.json` of its folder (never in run.json, which the trainer rewrites), written
// atomically. Tags are unique, trimmed, without commas or control characters, in the order
// added.
struct RunNotes {
    std::string note;
    std::vector<std::string> tags;

    bool empty() const { return note.empty() && tags.empty(); }
    bool hasTag(const std::string& tag) const;
};

inline constexpr const char* kRunNotesFile = "notes.json";

// The notes of the run or experiment in `folder`; none when the file is absent. Throws
// InputError naming the file when it is damaged.
RunNotes readRunNotes(const std::string& folder);
// Replaces the notes of `folder` atomically; throws InputError naming the file, or the tag.
void writeRunNotes(const std::string& folder, const RunNotes& notes);

// Adds (or removes) tags, read and written in one step; returns the tags after.
std::vector<std::string> tagRun(const std::string& folder, const std::vector<std::string>& tags,
                                bool remove = false);
// Sets the note, keeping the tags.
void noteRun(const std::string& folder, const std::string& note);

} // namespace inception
