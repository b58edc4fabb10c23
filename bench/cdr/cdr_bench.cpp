// CDR encode and decode speed: corbel against eProsima Fast CDR 1.0 (in its CORBA CDR mode)
// and against a plain memcpy of the same bytes, for Person {"Smith", "London", 1934} and a
// sequence<double> of 1,000,000 elements, in the host's byte order and in the other one.
//
// Fairness: every contender moves the same bytes (checked before timing); encoders append to
// one buffer kept across iterations (corbel clears its ByteBuffer, Fast CDR resets its Cdr
// over one FastBuffer); decoders fill one existing value kept across iterations (corbel
// through decode_member, the in-place call generated code makes for members, and Fast CDR
// through operator>>). Each buffer and value is warmed by one untimed pass first.
#include "bench_types.hpp"
#include "ratio_reporter.hpp"

#include <corbel/cdr.hpp>

#include <benchmark/benchmark.h>
#include <fastcdr/Cdr.h>
#include <fastcdr/FastBuffer.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using corbel::cdr::ByteBuffer;
using corbel::cdr::ByteOrder;
using eprosima::fastcdr::Cdr;
using eprosima::fastcdr::FastBuffer;

struct Order {
    const char* name;  // "host" or "swapped"
    ByteOrder corbel;
    Cdr::Endianness fastcdr;
};

constexpr ByteOrder other_order =
    corbel::cdr::native_byte_order() == ByteOrder::little ? ByteOrder::big : ByteOrder::little;

const Order host_order{"host", corbel::cdr::native_byte_order(),
                       corbel::cdr::native_byte_order() == ByteOrder::little ? Cdr::LITTLE_ENDIANNESS
                                                                             : Cdr::BIG_ENDIANNESS};
const Order swapped_order{"swapped", other_order,
                          other_order == ByteOrder::little ? Cdr::LITTLE_ENDIANNESS : Cdr::BIG_ENDIANNESS};

std::vector<char> fastcdr_bytes(const FastBuffer& buffer, const Cdr& cdr) {
    return {buffer.getBuffer(), buffer.getBuffer() + cdr.getSerializedDataLength()};
}

// --- encoders ---------------------------------------------------------------------------

template <class Value>
void corbel_encode(benchmark::State& state, const Value& value, Order order) {
    ByteBuffer buffer;
    {
        corbel::cdr::Writer warm_up(buffer, order.corbel);
        corbel::cdr::encode(warm_up, value);
    }
    for (auto _ : state) {
        buffer.clear();
        corbel::cdr::Writer writer(buffer, order.corbel);
        corbel::cdr::encode(writer, value);
        benchmark::DoNotOptimize(buffer.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * buffer.size()));
}

template <class Value>
void fastcdr_encode(benchmark::State& state, const Value& value, Order order) {
    FastBuffer buffer;
    Cdr cdr(buffer, order.fastcdr, Cdr::CORBA_CDR);
    cdr_bench::fastcdr_serialize(cdr, value);  // warm-up: grows the buffer once
    for (auto _ : state) {
        cdr.reset();
        cdr_bench::fastcdr_serialize(cdr, value);
        benchmark::DoNotOptimize(buffer.getBuffer());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * cdr.getSerializedDataLength()));
}

// --- decoders ---------------------------------------------------------------------------

template <class Value>
void corbel_decode(benchmark::State& state, const Value& value, Order order) {
    const ByteBuffer bytes = corbel::cdr::to_cdr(value, order.corbel);
    Value target{};
    {
        corbel::cdr::Reader warm_up(bytes.view(), order.corbel);
        corbel::cdr::decode_member(warm_up, target);
    }
    for (auto _ : state) {
        corbel::cdr::Reader reader(bytes.view(), order.corbel);
        corbel::cdr::decode_member(reader, target);
        benchmark::DoNotOptimize(&target);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

// corbel's all-or-nothing decode(): shown for its cost, not part of the comparison.
template <class Value>
void corbel_decode_atomic(benchmark::State& state, const Value& value, Order order) {
    const ByteBuffer bytes = corbel::cdr::to_cdr(value, order.corbel);
    Value target{};
    {
        corbel::cdr::Reader warm_up(bytes.view(), order.corbel);
        corbel::cdr::decode(warm_up, target);
    }
    for (auto _ : state) {
        corbel::cdr::Reader reader(bytes.view(), order.corbel);
        corbel::cdr::decode(reader, target);
        benchmark::DoNotOptimize(&target);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

template <class Value>
void fastcdr_decode(benchmark::State& state, const Value& value, Order order) {
    const ByteBuffer encoded = corbel::cdr::to_cdr(value, order.corbel);  // identical to Fast CDR's
    std::vector<char> bytes(encoded.data(), encoded.data() + encoded.size());
    FastBuffer buffer(bytes.data(), bytes.size());
    Cdr cdr(buffer, order.fastcdr, Cdr::CORBA_CDR);
    Value target{};
    cdr_bench::fastcdr_deserialize(cdr, target);  // warm-up: sizes the target once
    for (auto _ : state) {
        cdr.reset();
        cdr_bench::fastcdr_deserialize(cdr, target);
        benchmark::DoNotOptimize(&target);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

// --- the floor --------------------------------------------------------------------------

// Copies the encoded bytes, as many as either codec writes or reads, from one buffer to
// another: no codec can move them faster.
template <class Value>
void plain_memcpy(benchmark::State& state, const Value& value, Order order) {
    const ByteBuffer bytes = corbel::cdr::to_cdr(value, order.corbel);
    std::vector<std::uint8_t> copy(bytes.size());
    std::memcpy(copy.data(), bytes.data(), bytes.size());
    for (auto _ : state) {
        std::memcpy(copy.data(), bytes.data(), bytes.size());
        benchmark::DoNotOptimize(copy.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

// --- the check that everyone does the same work -----------------------------------------

[[noreturn]] void give_up(const std::string& why) {
    std::fprintf(stderr, "cdr_bench: %s; not timing codecs that disagree\n", why.c_str());
    std::exit(2);
}

template <class Value>
void check_same_work(const char* case_name, const Value& value, Order order) {
    const std::string where = std::string(case_name) + " in " + order.name + " byte order";
    const ByteBuffer corbel_bytes = corbel::cdr::to_cdr(value, order.corbel);

    // Fast CDR skips padding without writing it (CDR leaves its value open) where corbel
    // writes zeros, so it writes into zeroed memory here for the bytes to compare equal.
    std::vector<char> zeroed(corbel_bytes.size(), 0);
    FastBuffer buffer(zeroed.data(), zeroed.size());
    Cdr writer(buffer, order.fastcdr, Cdr::CORBA_CDR);
    cdr_bench::fastcdr_serialize(writer, value);
    writer.reset();  // the second pass, after reset(), is what the benchmark times
    cdr_bench::fastcdr_serialize(writer, value);
    std::vector<char> fast_bytes = fastcdr_bytes(buffer, writer);
    if (fast_bytes.size() != corbel_bytes.size() ||
        std::memcmp(fast_bytes.data(), corbel_bytes.data(), corbel_bytes.size()) != 0) {
        std::size_t at = 0;
        while (at < fast_bytes.size() && at < corbel_bytes.size() &&
               static_cast<std::uint8_t>(fast_bytes[at]) == corbel_bytes[at]) {
            ++at;
        }
        give_up("corbel and Fast CDR encode " + where + " differently (" + std::to_string(corbel_bytes.size()) +
                " and " + std::to_string(fast_bytes.size()) + " bytes, first difference at offset " +
                std::to_string(at) + ")");
    }

    FastBuffer input(fast_bytes.data(), fast_bytes.size());
    Cdr reader(input, order.fastcdr, Cdr::CORBA_CDR);
    Value from_fastcdr{};
    cdr_bench::fastcdr_deserialize(reader, from_fastcdr);
    if (!(from_fastcdr == value)) give_up("Fast CDR does not decode " + where + " to the value");
    if (!(corbel::cdr::from_cdr<Value>(corbel_bytes.view(), order.corbel) == value)) {
        give_up("corbel does not decode " + where + " to the value");
    }
}

// The fastest repetition, which the ratio table uses, also when only aggregates are reported.
double fastest_repetition(const std::vector<double>& times) { return *std::min_element(times.begin(), times.end()); }

template <class Function, class Value>
void add_benchmark(const std::string& name, Function function, const Value& value, const Order& order) {
    benchmark::RegisterBenchmark(name.c_str(), function, value, order)->ComputeStatistics("min", fastest_repetition);
}

template <class Value>
void register_case(const char* case_name, const Value& value, std::vector<std::string>& cases) {
    for (const Order& order : {host_order, swapped_order}) {
        check_same_work(case_name, value, order);
        const std::string encode = std::string(case_name) + "/encode/" + order.name;
        const std::string decode = std::string(case_name) + "/decode/" + order.name;
        add_benchmark(encode + "/corbel", corbel_encode<Value>, value, order);
        add_benchmark(encode + "/fastcdr", fastcdr_encode<Value>, value, order);
        add_benchmark(encode + "/memcpy", plain_memcpy<Value>, value, order);
        add_benchmark(decode + "/corbel", corbel_decode<Value>, value, order);
        add_benchmark(decode + "/fastcdr", fastcdr_decode<Value>, value, order);
        add_benchmark(decode + "/memcpy", plain_memcpy<Value>, value, order);
        add_benchmark(decode + "/corbel_decode", corbel_decode_atomic<Value>, value, order);
        cases.push_back(encode);
        cases.push_back(decode);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const Bench::Person person{"Smith", "London", 1934};
    std::vector<double> doubles(1'000'000);
    for (std::size_t i = 0; i < doubles.size(); ++i) doubles[i] = static_cast<double>(i) * 0.5 - 1e5;

    std::vector<std::string> cases;
    register_case("person", person, cases);
    register_case("doubles", doubles, cases);

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    cdr_bench::RatioReporter reporter(cases, {
                                                 {"person/", "fastcdr", 1.0},
                                                 {"doubles/", "fastcdr", 1.0},
                                                 {"doubles/encode/host", "memcpy", 1.25},
                                                 {"doubles/decode/host", "memcpy", 1.25},
                                             });
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return reporter.all_targets_met() ? 0 : 1;
}
