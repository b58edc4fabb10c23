// omniorb_peer: the omniORB side of the CDR cross-check, run by the interop test as a
// separate process (omniORB and corbel never share an address space or a namespace).
//
//   omniorb_peer write <sample> <big|little> <file>   writes the sample's CDR bytes to <file>
//   omniorb_peer check <sample> <big|little> <file>   decodes <file> and compares it with the sample
//
// The bytes are a bare CDR stream starting at offset 0, as a cdrMemoryStream holds them:
// no byte-order octet, alignment counted from the first byte.
//
// Exit status: 0 written / decodes to the sample; 1 decodes to a different value or leaves
// bytes unread; 2 omniORB refuses the bytes; 3 bad usage or I/O error.
#include "omniorb_samples.hpp"

#include <omniORB4/CORBA.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

enum ExitStatus { ok = 0, differs = 1, refused = 2, usage_error = 3 };

const interop_peer::Sample* find_sample(const std::string& name) {
    for (const auto& sample : interop_peer::samples()) {
        if (sample.name == name) return &sample;
    }
    return nullptr;
}

int write_sample(const interop_peer::Sample& sample, bool little_endian, const std::string& path) {
    // Zeroed memory: omniORB leaves padding bytes as it finds them (CDR leaves their value
    // open), and corbel writes them as zero, so the bytes compare equal only this way.
    cdrMemoryStream out(::CORBA::ULong{0}, /*clearMemory=*/::CORBA::Boolean{1});
    out.setByteSwapFlag(little_endian);
    sample.write(out);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(static_cast<const char*>(out.bufPtr()), static_cast<std::streamsize>(out.bufSize()));
    file.close();
    if (!file) {
        std::cerr << "omniorb_peer: cannot write " << path << '\n';
        return usage_error;
    }
    return ok;
}

int check_sample(const interop_peer::Sample& sample, bool little_endian, const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::cerr << "omniorb_peer: cannot read " << path << '\n';
        return usage_error;
    }
    // A std::vector's storage comes from operator new, so it is aligned for any primitive and
    // omniORB's address-based alignment counts from the first byte, as corbel's does.
    std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    bytes.push_back('\0');  // keeps data() valid for an empty file; not part of the stream
    cdrMemoryStream in(bytes.data(), bytes.size() - 1);
    in.setByteSwapFlag(little_endian);
    const ::CORBA::ULong start = in.currentInputPtr();
    try {
        if (!sample.decodes_to_sample(in, sample.name)) return differs;
    } catch (const ::CORBA::SystemException& error) {
        std::cerr << "omniorb_peer: omniORB refused the bytes of " << sample.name << ": " << error._name()
                  << " (minor " << error.minor() << ")\n";
        return refused;
    }
    const ::CORBA::ULong consumed = in.currentInputPtr() - start;
    if (consumed != bytes.size() - 1) {
        std::cerr << "omniorb_peer: " << sample.name << " took " << consumed << " of " << bytes.size() - 1
                  << " bytes\n";
        return differs;
    }
    return ok;
}

int usage() {
    std::cerr << "usage: omniorb_peer write|check <sample> big|little <file>\nsamples:";
    for (const auto& sample : interop_peer::samples()) std::cerr << ' ' << sample.name;
    std::cerr << '\n';
    return usage_error;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) return usage();
    const std::string command = argv[1];
    const interop_peer::Sample* sample = find_sample(argv[2]);
    const std::string order = argv[3];
    if ((command != "write" && command != "check") || sample == nullptr || (order != "big" && order != "little")) {
        return usage();
    }

    // omniORB sets up its character code sets, which string marshalling needs, in ORB_init.
    // The ORB gets no arguments of ours, so no -ORB option can change its behaviour.
    int orb_argc = 1;
    char* orb_argv[] = {argv[0], nullptr};
    ::CORBA::ORB_var orb = ::CORBA::ORB_init(orb_argc, orb_argv);
    const bool little_endian = order == "little";
    const int status = command == "write" ? write_sample(*sample, little_endian, argv[4])
                                          : check_sample(*sample, little_endian, argv[4]);
    orb->destroy();
    return status;
}
