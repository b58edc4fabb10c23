// Encodes and decodes a value through the installed corbel::marshal.
#include <corbel/cdr.hpp>

#include <cstdio>
#include <string>
#include <vector>

int main() {
    const std::vector<std::string> words = {"installed", "corbel"};
    const auto bytes = corbel::cdr::to_cdr(words, corbel::cdr::ByteOrder::big);
    const auto back = corbel::cdr::from_cdr<std::vector<std::string>>(bytes.view(), corbel::cdr::ByteOrder::big);
    std::printf("outside project: %zu bytes, round trip %s\n", bytes.size(), back == words ? "ok" : "FAILED");
    return back == words ? 0 : 1;
}
