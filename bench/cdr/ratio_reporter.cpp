#include "ratio_reporter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace cdr_bench {

RatioReporter::RatioReporter(std::vector<std::string> cases, std::vector<Target> targets)
    : cases_(std::move(cases)), targets_(std::move(targets)) {}

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
        if (run.error_occurred) continue;
        const bool repetition = run.run_type == Run::RT_Iteration;
        const bool fastest_of_repetitions = run.run_type == Run::RT_Aggregate && run.aggregate_name == "min";
        if (!repetition && !fastest_of_repetitions) continue;
        const double ns = run.GetAdjustedCPUTime() / benchmark::GetTimeUnitMultiplier(run.time_unit) * 1e9;
        auto [entry, inserted] = fastest_ns_.emplace(run.run_name.function_name, ns);
        if (!inserted) entry->second = std::min(entry->second, ns);
    }
}

double RatioReporter::fastest(const std::string& case_name, const std::string& codec) const {
    const auto found = fastest_ns_.find(case_name + "/" + codec);
    return found == fastest_ns_.end() ? std::numeric_limits<double>::quiet_NaN() : found->second;
}

// The memcpy of an encode case and of its decode case do identical work, so how far their
// times differ is the noise of this run: a ratio that close to its target is a tie.
double RatioReporter::noise() const {
    double worst = 0;
    for (const std::string& case_name : cases_) {
        const auto at = case_name.find("/encode/");
        if (at == std::string::npos) continue;
        const std::string twin = std::string(case_name).replace(at, 8, "/decode/");
        const double a = fastest(case_name, "memcpy");
        const double b = fastest(twin, "memcpy");
        if (!std::isnan(a) && !std::isnan(b)) worst = std::max(worst, std::max(a, b) / std::min(a, b) - 1);
    }
    return worst;
}

void RatioReporter::Finalize() {
    ConsoleReporter::Finalize();
    const double tolerance = noise();
    std::FILE* out = stdout;
    std::fprintf(out, "\ncorbel vs Fast CDR 1.0 vs memcpy: CPU time of the fastest repetition, ns per operation\n");
    std::fprintf(out, "%-24s %12s %12s %12s %15s %14s  %-30s %s\n", "case", "corbel", "Fast CDR", "memcpy",
                 "corbel/FastCDR", "corbel/memcpy", "targets", "corbel decode() (not compared)");
    all_met_ = true;
    for (const std::string& case_name : cases_) {
        const double corbel = fastest(case_name, "corbel");
        const double fastcdr = fastest(case_name, "fastcdr");
        const double floor = fastest(case_name, "memcpy");
        std::string verdicts;
        for (const Target& target : targets_) {
            if (case_name.rfind(target.case_prefix, 0) != 0) continue;
            const double ratio = corbel / (target.codec == "fastcdr" ? fastcdr : floor);
            // Comparisons with NaN are false, so a missing run counts as a miss.
            const char* verdict = ratio <= target.max_ratio                     ? "met"
                                  : ratio <= target.max_ratio * (1 + tolerance) ? "tie"
                                                                                : "MISSED";
            all_met_ = all_met_ && verdict[0] != 'M';
            char text[64];
            std::snprintf(text, sizeof text, "%s<=%.2f %-6s ", target.codec == "fastcdr" ? "F" : "M",
                          target.max_ratio, verdict);
            verdicts += text;
        }
        // decode() builds a fresh value and moves it into the target, so that a failure
        // leaves the target untouched; its cost is shown beside decode_member's in-place one.
        const double atomic = fastest(case_name, "corbel_decode");
        char atomic_text[48] = "";
        if (!std::isnan(atomic)) {
            std::snprintf(atomic_text, sizeof atomic_text, "%.1f (%.3fx memcpy)", atomic, atomic / floor);
        }
        std::fprintf(out, "%-24s %12.1f %12.1f %12.1f %15.3f %14.3f  %-30s %s\n", case_name.c_str(), corbel,
                     fastcdr, floor, corbel / fastcdr, corbel / floor, verdicts.c_str(), atomic_text);
    }
    std::fprintf(out,
                 "targets: F = corbel/FastCDR, M = corbel/memcpy. Noise: identical memcpy runs differed by up to "
                 "%.1f%%; a ratio over its target by less than that is a tie.\n%s\n",
                 tolerance * 100, all_met_ ? "All targets met (or tied)." : "SOME TARGETS MISSED.");
    std::fflush(out);
}

}  // namespace cdr_bench
