#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const int status = corbel::cli::run(args, std::cin, std::cout, std::cerr);
    std::cout.flush();
    return status;
}
