// Prints Person {"Smith", "London", 1934} the way figure 4.8 of the notes draws it (index, the
// four bytes of each row, notes), in the textbook form and the OMG form, in both byte orders,
// and decodes each encoding back.
#include "person.hpp"  // generated from person.idl by corbel-idlc

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

using corbel::cdr::ByteOrder;
using corbel::cdr::StringForm;
using corbel::cdr::Writer;

namespace {

struct Note {
    std::size_t offset;
    std::string text;
};

// Encodes the person member by member, remembering where each part starts so that the
// table can say what every row holds.
std::vector<Note> encode_with_notes(Writer& writer, const Person& person) {
    std::vector<Note> notes;
    const auto add_string = [&](const std::string& text) {
        writer.align(4);
        notes.push_back({writer.offset(), "length of string"});
        const std::size_t characters = writer.offset() + 4;
        notes.push_back({characters, "'" + text + "'"});
        corbel::cdr::encode(writer, text);
        std::size_t end = characters + text.size();
        if (writer.string_form() == StringForm::omg) notes.push_back({end++, "NUL"});
        if (end % 4 != 0) notes.push_back({end, "padded to a multiple of 4"});
    };
    add_string(person.name);
    add_string(person.place);
    writer.align(4);
    notes.push_back({writer.offset(), "long " + std::to_string(person.year)});
    corbel::cdr::encode(writer, person.year);
    return notes;
}

std::string show_byte(std::uint8_t byte) {
    char cell[8];
    if (std::isprint(byte) && byte != ' ') {
        std::snprintf(cell, sizeof cell, "'%c'", byte);
    } else {
        std::snprintf(cell, sizeof cell, " %02x", byte);
    }
    return cell;
}

void print_table(const Person& person, StringForm form, ByteOrder order) {
    Writer writer(order, form);
    const std::vector<Note> notes = encode_with_notes(writer, person);
    const auto& bytes = writer.buffer();

    std::printf("\n%s form, %s: %zu bytes\n", form == StringForm::textbook ? "Textbook (figure 4.8)" : "OMG CDR",
                corbel::cdr::to_string(order), bytes.size());
    std::printf("%-8s %-20s %s\n", "index", "4 bytes", "notes");
    for (std::size_t row = 0; row < bytes.size(); row += 4) {
        std::string cells;
        for (std::size_t i = row; i < row + 4 && i < bytes.size(); ++i) cells += show_byte(bytes[i]) + " ";
        std::string note;
        for (const Note& n : notes) {
            if (n.offset >= row && n.offset < row + 4) note += (note.empty() ? "" : "; ") + n.text;
        }
        const std::string index = std::to_string(row) + "-" + std::to_string(std::min(row + 3, bytes.size() - 1));
        std::printf("%-8s %-20s %s\n", index.c_str(), cells.c_str(), note.c_str());
    }

    const auto back = corbel::cdr::from_cdr<Person>(bytes.view(), order, form);
    std::printf("decoded back: {\"%s\", \"%s\", %d} %s\n", back.name.c_str(), back.place.c_str(), back.year,
                back == person ? "(equal)" : "(DIFFERENT)");
    if (!(back == person)) throw std::runtime_error("round trip failed");
}

}  // namespace

int main() {
    try {
        const Person smith{"Smith", "London", 1934};
        std::printf("Person {\"%s\", \"%s\", %d} in CDR\n", smith.name.c_str(), smith.place.c_str(), smith.year);
        for (const StringForm form : {StringForm::textbook, StringForm::omg}) {
            for (const ByteOrder order : {ByteOrder::big, ByteOrder::little}) print_table(smith, form, order);
        }
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "person: %s\n", error.what());
        return 1;
    }
}
