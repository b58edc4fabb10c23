#include "rpc.hpp"

#include "names.hpp"

#include <algorithm>
#include <set>

namespace corbel::idlc {

using idl::Declaration;
using idl::idl_spelling;
using idl::Type;

namespace {

bool is_reference(const Type& type) {
    return type.kind == Type::Kind::object ||
           (type.kind == Type::Kind::named && type.declaration->kind == Declaration::Kind::interface);
}

std::string raises_text(const std::vector<const Declaration*>& raises, const char* keyword) {
    if (raises.empty()) return "";
    std::string text = std::string(" ") + keyword + " (";
    for (std::size_t i = 0; i < raises.size(); ++i) text += (i == 0 ? "" : ", ") + raises[i]->scoped_name.substr(2);
    return text + ")";
}

std::string annotation_name(const idl::Annotation& a) {
    const auto colon = a.name.rfind(':');
    return colon == std::string::npos ? a.name : a.name.substr(colon + 1);
}

// @idempotent and @protocol (sema has checked their values).
void apply_annotations(const Declaration& d, RemoteCall& call) {
    for (const auto& a : d.annotations) {
        const std::string name = annotation_name(a);
        if (name == "idempotent") call.idempotent = true;
        if (name == "protocol" && a.params.size() == 1) {
            if (const auto* value = std::get_if<std::string>(&a.params.front().second.value)) {
                call.protocol = *value == "RRA" ? "rra" : "rr";
            }
        }
    }
}

void collect_bases(const Declaration& interface, std::vector<const Declaration*>& out) {
    for (const Declaration* base : interface.bases) {
        if (std::find(out.begin(), out.end(), base) != out.end()) continue;
        collect_bases(*base, out);
        out.push_back(base);
    }
}

}  // namespace

bool RemoteCall::has_outputs() const {
    return std::any_of(parameters.begin(), parameters.end(),
                       [](const idl::Parameter& p) { return p.direction != idl::Direction::in; });
}

std::vector<RemoteCall> remote_calls(const Declaration& d) {
    std::vector<RemoteCall> calls;
    RemoteCall call;
    call.function = cpp_identifier(d.name);
    call.interface = d.parent;
    if (d.kind == Declaration::Kind::operation) {
        call.wire_name = d.name;
        call.result = d.type;
        call.parameters = d.parameters;
        call.raises = d.raises;
        call.oneway = d.oneway;
        apply_annotations(d, call);
        std::string text = std::string(d.oneway ? "oneway " : "") + (d.type ? idl_spelling(*d.type) : "void") + " " +
                           d.name + "(";
        for (std::size_t i = 0; i < d.parameters.size(); ++i) {
            const auto& p = d.parameters[i];
            text += (i == 0 ? "" : ", ") + std::string(idl::to_string(p.direction)) + " " + idl_spelling(*p.type) +
                    " " + p.name;
        }
        std::string annotations;
        if (call.idempotent) annotations += "@idempotent ";
        if (!call.protocol.empty()) annotations += call.protocol == "rra" ? "@protocol(RRA) " : "@protocol(RR) ";
        call.idl_text = annotations + text + ")" + raises_text(d.raises, "raises");
        calls.push_back(call);
        return calls;
    }
    // Reading an attribute changes nothing, so its getter needs no reply history.
    RemoteCall getter = call;
    getter.wire_name = "_get_" + d.name;
    getter.result = d.type;
    getter.raises = d.raises;
    getter.idempotent = true;
    apply_annotations(d, getter);
    getter.idl_text = std::string(d.readonly ? "readonly " : "") + "attribute " + idl_spelling(*d.type) + " " + d.name +
                      raises_text(d.raises, d.readonly ? "raises" : "getraises") + " (get)";
    calls.push_back(getter);
    if (d.readonly) return calls;
    RemoteCall setter = call;
    setter.wire_name = "_set_" + d.name;
    setter.parameters.push_back({"value", idl::Direction::in, d.type, {}, d.location});
    setter.raises = d.set_raises;
    apply_annotations(d, setter);
    setter.idl_text = "attribute " + idl_spelling(*d.type) + " " + d.name + raises_text(d.set_raises, "setraises") +
                      " (set)";
    calls.push_back(setter);
    return calls;
}

std::vector<RemoteCall> all_remote_calls(const Declaration& interface) {
    std::vector<const Declaration*> declarations;
    for (const auto& c : interface.contents) {
        if (c->kind == Declaration::Kind::operation || c->kind == Declaration::Kind::attribute) {
            declarations.push_back(c.get());
        }
    }
    for (const Declaration* d : all_operations_and_attributes(interface)) {
        if (d->parent != &interface) declarations.push_back(d);
    }
    std::vector<RemoteCall> calls;
    for (const Declaration* d : declarations) {
        for (auto& call : remote_calls(*d)) calls.push_back(std::move(call));
    }
    return calls;
}

std::string rpc_type(const Type& type) {
    if (is_reference(type)) return "corbel::runtime::RemoteObjectRef";
    if (type.kind == Type::Kind::sequence) return sequence_type(rpc_type(*type.element), type.bound);
    return cpp_type(type);
}

std::string in_parameter_type(const Type& type) {
    const Type& resolved = type.resolved();
    const bool by_value = resolved.kind == Type::Kind::primitive ||
                          (resolved.kind == Type::Kind::named && resolved.declaration->kind == Declaration::Kind::enum_);
    return by_value ? rpc_type(type) : "const " + rpc_type(type) + "&";
}

std::string result_type(const RemoteCall& call) { return call.result ? rpc_type(*call.result) : "void"; }

std::string async_result_type(const RemoteCall& call, const std::string& scope) {
    return call.has_outputs() ? scope + call.results_struct() : result_type(call);
}

std::vector<const Declaration*> all_bases(const Declaration& interface) {
    std::vector<const Declaration*> bases;
    collect_bases(interface, bases);
    return bases;
}

std::string wrapped_signature(const std::string& head, const std::string& parameters, const std::string& tail,
                              std::size_t indent) {
    constexpr std::size_t width = 110;
    const std::size_t tail_width = tail.find('\n') == std::string::npos ? tail.size() : tail.find('\n');
    if (indent + head.size() + parameters.size() + tail_width + 2 <= width) return head + "(" + parameters + ")" + tail;
    if (indent + 8 + parameters.size() + tail_width + 1 <= width) return head + "(\n        " + parameters + ")" + tail;
    // One parameter per line; commas inside template arguments do not separate parameters.
    std::string text = head + "(\n        ";
    int depth = 0;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const char c = parameters[i];
        if (c == '<' || c == '(') ++depth;
        if (c == '>' || c == ')') --depth;
        if (c == ',' && depth == 0 && i + 1 < parameters.size() && parameters[i + 1] == ' ') {
            text += ",\n        ";
            ++i;
            continue;
        }
        text += c;
    }
    return text + ")" + tail;
}

std::string proxy_name(const Declaration& interface) { return cpp_qualified_name(interface) + "Proxy"; }
std::string skeleton_name(const Declaration& interface) { return cpp_qualified_name(interface) + "Skeleton"; }

}  // namespace corbel::idlc
