// The servants behind generated_calls_test.cpp: each operation does something the test can
// check on the client (see shapes.idl), and counts what it was asked.
#pragma once

#include "shapes.rpc.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <vector>

namespace corbel_test {

class EverythingServant : public Shapes::EverythingSkeleton {
public:
    // Base
    std::string describe() override { return "everything"; }
    std::int32_t counter() override { return counter_; }
    void counter(std::int32_t value) override { counter_ = value; }
    std::string label() override { return "diamond"; }
    // Left and Right
    std::int32_t to_left(std::int32_t x) override { return x - 1; }
    std::int32_t to_right(std::int32_t x) override { return x + 1; }

    std::int32_t primitives(std::int32_t a, std::int32_t& b, std::int32_t& c) override {
        const std::int32_t sum = a + c;
        b = a;
        c += 1;
        return sum;
    }
    std::string strings(const std::string& a, std::string& b, std::string& c) override {
        const std::string joined = a + c;
        b = a;
        c += "!";
        return joined;
    }
    Shapes::Longs sequences(const Shapes::Longs& a, Shapes::Longs& b, Shapes::Longs& c) override {
        Shapes::Longs joined = a;
        joined.insert(joined.end(), c.begin(), c.end());
        b = a;
        c.push_back(static_cast<std::int32_t>(c.size()));
        return joined;
    }
    Shapes::Point structs(const Shapes::Point& a, Shapes::Point& b, Shapes::Point& c) override {
        const Shapes::Point sum{a.x + c.x, a.y + c.y};
        b = a;
        c.x += 1;
        return sum;
    }
    Shapes::Value unions(const Shapes::Value& a, Shapes::Value& b, Shapes::Value& c) override {
        b = c;
        c.where(Shapes::Point{1, 2});
        return a;
    }
    Shapes::Color enums(Shapes::Color a, Shapes::Color& b, Shapes::Color& c) override {
        b = c;
        c = c == Shapes::Color::blue ? Shapes::Color::red : static_cast<Shapes::Color>(static_cast<int>(c) + 1);
        return a;
    }
    void outputs_only(double& d, bool& flag, std::uint8_t& small, Shapes::Points& points) override {
        d = 2.5;
        flag = true;
        small = 200;
        points = {{1, 2}, {3, 4}};
    }
    Shapes::Points reversed(const Shapes::Points& points) override { return {points.rbegin(), points.rend()}; }
    void nothing() override { ++nothing_calls; }

    void refuse(std::int32_t code) override {
        if (code == 1) {
            Shapes::Refused refused;
            refused.reason = "refused on purpose";
            refused.code = code;
            throw refused;
        }
        if (code == 2) throw Shapes::Other();
    }
    double ratio(double a, double b) override {
        if (b == 0) {
            Shapes::Refused refused;
            refused.reason = "division by zero";
            throw refused;
        }
        return a / b;
    }
    void undeclared() override { throw Shapes::Other(); }

    void notify(const std::string& text) override {
        std::lock_guard lock(mutex_);
        notes_.push_back(text);
    }
    std::vector<std::string> notes() override {
        std::lock_guard lock(mutex_);
        return notes_;
    }
    std::int64_t ticket() override { return ++tickets_; }
    std::int64_t acknowledged() override { return ++tickets_; }
    std::int64_t never_acknowledged() override { return ++tickets_; }
    std::int32_t cached() override { return cached_; }
    void cached(std::int32_t value) override { cached_ = value; }
    std::int64_t plain() override { return ++tickets_; }

    corbel::runtime::RemoteObjectRef myself() override { return self; }
    std::string describe_other(const corbel::runtime::RemoteObjectRef& other) override { return other.to_string(); }
    // The groups in reverse order; `firsts` has the first two groups.
    std::vector<std::vector<corbel::runtime::RemoteObjectRef>> regroup(
        const std::vector<std::vector<corbel::runtime::RemoteObjectRef>>& groups,
        corbel::cdr::BoundedSequence<std::vector<corbel::runtime::RemoteObjectRef>, 2>& firsts) override {
        for (std::size_t i = 0; i < groups.size() && i < 2; ++i) firsts.push_back(groups[i]);
        return {groups.rbegin(), groups.rend()};
    }

    corbel::runtime::RemoteObjectRef self;
    std::atomic<int> nothing_calls{0};

private:
    std::atomic<std::int32_t> counter_{0};
    std::atomic<std::int32_t> cached_{0};
    std::atomic<std::int64_t> tickets_{0};
    std::mutex mutex_;
    std::vector<std::string> notes_;
};

class CheckerServant : public Shapes::CheckerSkeleton {
public:
    void check(std::int32_t code) override {
        if (code == 0) return;
        Shapes::Refused refused;
        refused.reason = "checked";
        refused.code = code;
        throw refused;
    }
};

}  // namespace corbel_test
