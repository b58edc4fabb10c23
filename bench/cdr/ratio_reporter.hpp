// A Google Benchmark reporter that prints, after the usual console output, one table of
// ratios: for each case, corbel's time over Fast CDR's and over a plain memcpy of the same
// bytes, all measured in the same run.
//
// Benchmarks are named "<case>/<codec>", for example "doubles/encode/host/corbel". Each
// time in the table is the CPU time of the fastest repetition: on a shared machine, time
// spent descheduled is not the codec's, and interference from other processes only ever
// adds time, so the minimum is the steadiest estimate of cost.
// What is left of the noise is measured too (see noise()), and a ratio within it of its
// target is called a tie rather than a pass or a miss.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace cdr_bench {

// A ratio the benchmark must stay under, shown against the measured value.
struct Target {
    std::string case_prefix;  // applies to every case whose name starts with this
    std::string codec;        // "fastcdr" or "memcpy": the denominator
    double max_ratio;
};

class RatioReporter : public benchmark::ConsoleReporter {
public:
    RatioReporter(std::vector<std::string> cases, std::vector<Target> targets);

    void ReportRuns(const std::vector<Run>& runs) override;
    void Finalize() override;

    // No target missed (ties allowed) in the table printed by Finalize; false before it ran.
    bool all_targets_met() const { return all_met_; }

private:
    double fastest(const std::string& case_name, const std::string& codec) const;
    double noise() const;

    std::vector<std::string> cases_;
    std::vector<Target> targets_;
    std::map<std::string, double> fastest_ns_;  // by benchmark name
    bool all_met_ = false;
};

}  // namespace cdr_bench
