// omniorb_peer: the omniORB side of the CDR cross-check, run by the interop test as a
// separate process (omniORB and corbel never share an address space or a namespace).
//
//   omniorb_peer write <sample> <big|little> <file>   writes the sample's CDR bytes to <file>
//   omniorb_peer check <sample> <big|little> <file>   decodes <file> and compares it with the sample
//
// The bytes are a bare CDR stream starting at offset 0, as a cdrMemoryStream holds them:
// no byte-order octet, alignment counted from the first byte.
//
//   omniorb_peer write-nested <sample> <big|little> <file>
//   omniorb_peer check-nested <sample> <big|little> <file>
//
// The same, with the sample inside an encapsulation nested in an outer stream of the given
// byte order: the octet 7 and the unsigned long 7, then the encapsulation as an octet
// sequence (its length, its own byte-order octet, the sample aligned from that octet). The
// byte-order octet lands at offset 12, not a multiple of 8, so 8-byte members are placed
// differently when aligned from it than from the outer stream's origin. omniORB writes
// encapsulations in its native byte order only; it reads them in either.
//
// Exit status: 0 written / decodes to the sample; 1 decodes to a different value or leaves
// bytes unread; 2 omniORB refuses the bytes; 3 bad usage or I/O error.
#include "omniorb_samples.hpp"

#include <omniORB4/CORBA.h>

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

constexpr ::CORBA::Octet nested_lead = 7;
constexpr ::CORBA::ULong nested_lead_number = 7;

bool save(const std::string& path, const cdrMemoryStream& stream) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(static_cast<const char*>(stream.bufPtr()), static_cast<std::streamsize>(stream.bufSize()));
    file.close();
    if (!file) std::cerr << "omniorb_peer: cannot write " << path << '\n';
    return static_cast<bool>(file);
}

int write_sample(const interop_peer::Sample& sample, bool little_endian, bool nested, const std::string& path) {
    // Zeroed memory: omniORB leaves padding bytes as it finds them (CDR leaves their value
    // open), and corbel writes them as zero, so the bytes compare equal only this way.
    cdrMemoryStream out(::CORBA::ULong{0}, /*clearMemory=*/::CORBA::Boolean{1});
    out.setByteSwapFlag(little_endian);
    if (nested) {
        cdrEncapsulationStream encapsulation(::CORBA::ULong{0}, /*clearMemory=*/::CORBA::Boolean{1});
        sample.write(encapsulation);
        out.marshalOctet(nested_lead);
        nested_lead_number >>= out;
        const ::CORBA::ULong length = encapsulation.bufSize();
        length >>= out;
        out.put_octet_array(static_cast<const ::CORBA::Octet*>(encapsulation.bufPtr()), static_cast<int>(length));
    } else {
        sample.write(out);
    }
    return save(path, out) ? ok : usage_error;
}

// Decodes the sample from `in` and requires that nothing is left after it.
int decode_whole(const interop_peer::Sample& sample, cdrStream& in, const char* what) {
    if (!sample.decodes_to_sample(in, sample.name)) return differs;
    if (in.checkInputOverrun(1, 1)) {
        std::cerr << "omniorb_peer: bytes left in the " << what << " after " << sample.name << '\n';
        return differs;
    }
    return ok;
}

int decode_nested(const interop_peer::Sample& sample, cdrStream& in) {
    const ::CORBA::Octet lead = in.unmarshalOctet();
    ::CORBA::ULong lead_number = 0;
    lead_number <<= in;
    if (lead != nested_lead || lead_number != nested_lead_number) {
        std::cerr << "omniorb_peer: the outer stream starts with " << int{lead} << " and " << lead_number
                  << ", not 7 and 7\n";
        return differs;
    }
    ::CORBA::ULong length = 0;
    length <<= in;
    // Takes `length` bytes from `in`, reads their byte-order octet and aligns from it.
    cdrEncapsulationStream encapsulation(in, length);
    const int status = decode_whole(sample, encapsulation, "encapsulation");
    if (status != ok) return status;
    if (in.checkInputOverrun(1, 1)) {
        std::cerr << "omniorb_peer: bytes left in the outer stream after the encapsulation\n";
        return differs;
    }
    return ok;
}

int check_sample(const interop_peer::Sample& sample, bool little_endian, bool nested, const std::string& path) {
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
    try {
        return nested ? decode_nested(sample, in) : decode_whole(sample, in, "stream");
    } catch (const ::CORBA::SystemException& error) {
        std::cerr << "omniorb_peer: omniORB refused the bytes of " << sample.name << ": " << error._name()
                  << " (minor " << error.minor() << ")\n";
        return refused;
    }
}

int usage() {
    std::cerr << "usage: omniorb_peer write|check|write-nested|check-nested <sample> big|little <file>\nsamples:";
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
    const bool writing = command == "write" || command == "write-nested";
    const bool nested = command == "write-nested" || command == "check-nested";
    if ((!writing && !nested && command != "check") || sample == nullptr || (order != "big" && order != "little")) {
        return usage();
    }

    // omniORB sets up its character code sets, which string marshalling needs, in ORB_init.
    // The ORB gets no arguments of ours, so no -ORB option can change its behaviour.
    int orb_argc = 1;
    char* orb_argv[] = {argv[0], nullptr};
    ::CORBA::ORB_var orb = ::CORBA::ORB_init(orb_argc, orb_argv);
    const bool little_endian = order == "little";
    const int status = writing ? write_sample(*sample, little_endian, nested, argv[4])
                               : check_sample(*sample, little_endian, nested, argv[4]);
    orb->destroy();
    return status;
}
