// calculator: starts a Calc::Calculator server on 127.0.0.1 and calls it through the generated
// proxy, printing each call: out and inout parameters, sequences and structs both ways, and
// a declared exception.
#include "calculator.rpc.hpp"

#include <corbel/runtime/server.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>

namespace {

class Calculator : public Calc::CalculatorSkeleton {
public:
    std::int32_t divide(std::int32_t dividend, std::int32_t divisor, std::int32_t& remainder) override {
        if (divisor == 0) {
            Calc::DivisionByZero error;
            error.dividend = dividend;
            throw error;
        }
        remainder = dividend % divisor;
        return dividend / divisor;
    }
    std::uint32_t accumulate(double value, double& total) override {
        total += value;
        return ++accumulated_;
    }
    Calc::Summary summarize(const Calc::Numbers& values) override {
        Calc::Summary summary;
        summary.count = static_cast<std::uint32_t>(values.size());
        if (values.empty()) return summary;
        summary.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
        summary.min = *std::min_element(values.begin(), values.end());
        summary.max = *std::max_element(values.begin(), values.end());
        return summary;
    }
    Calc::Points scale(const Calc::Points& points, double factor) override {
        Calc::Points scaled;
        for (const auto& p : points) scaled.push_back({p.x * factor, p.y * factor});
        return scaled;
    }
    void sort(Calc::Numbers& values) override { std::sort(values.begin(), values.end()); }
    void polar(const Calc::Point& point, double& radius, double& angle) override {
        radius = std::hypot(point.x, point.y);
        angle = std::atan2(point.y, point.x);
    }

private:
    std::uint32_t accumulated_ = 0;  // servants run on the server's one loop thread
};

void print_numbers(const char* label, const Calc::Numbers& values) {
    std::printf("%s", label);
    for (double v : values) std::printf(" %g", v);
    std::printf("\n");
}

}  // namespace

int main() {
    try {
        corbel::runtime::ServerConfig config;
        config.address = "127.0.0.1";
        corbel::runtime::Server server(config);
        const auto reference = server.add(std::make_shared<Calculator>());
        server.start();
        std::printf("server: %s\n", reference.to_string().c_str());

        corbel::runtime::ClientConfig client_config;
        client_config.bind_address = "127.0.0.1";
        const Calc::CalculatorProxy calculator(std::make_shared<corbel::runtime::Client>(client_config), reference);
        std::int32_t remainder = 0;
        const std::int32_t quotient = calculator.divide(17, 5, remainder);
        std::printf("divide(17, 5) = %d, remainder %d\n", quotient, remainder);
        try {
            calculator.divide(1, 0, remainder);
        } catch (const Calc::DivisionByZero& e) {
            std::printf("divide(1, 0) raised DivisionByZero (dividend %d)\n", e.dividend);
        }

        double total = 0;
        for (double value : {1.5, 2.5, 4.0}) {
            const std::uint32_t count = calculator.accumulate(value, total);
            std::printf("accumulate(%g) -> total %g after %u values\n", value, total, count);
        }

        const Calc::Summary summary = calculator.summarize({3, 1, 4, 1, 5, 9, 2, 6});
        std::printf("summarize(3 1 4 1 5 9 2 6) = {count %u, mean %g, min %g, max %g}\n", summary.count,
                    summary.mean, summary.min, summary.max);

        for (const auto& p : calculator.scale({{1, 2}, {3, 4}}, 10)) std::printf("scaled point (%g, %g)\n", p.x, p.y);

        Calc::Numbers values{2.5, -1, 7, 0};
        calculator.sort(values);
        print_numbers("sorted:", values);

        double radius = 0, angle = 0;
        calculator.polar({3, 4}, radius, angle);
        std::printf("polar(3, 4) = radius %g, angle %.4f rad\n", radius, angle);

        // The asynchronous form: the out parameters arrive together in a results struct.
        auto pending = calculator.divide_async(100, 7);
        const auto results = pending.get();
        std::printf("divide_async(100, 7) = %d, remainder %d\n", results._return, results.remainder);
        server.stop();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "calculator: %s\n", e.what());
        return 1;
    }
}
