#include <corbel/idl/json.hpp>

#include <nlohmann/json.hpp>

namespace corbel::idl {

namespace {

using json = nlohmann::ordered_json;

json location(const SourceLocation& at) { return {{"file", at.file}, {"line", at.line}, {"column", at.column}}; }

json value(const ConstValue& v) {
    struct Visitor {
        json operator()(std::int64_t x) const { return {{"kind", "int64"}, {"value", x}}; }
        json operator()(std::uint64_t x) const { return {{"kind", "uint64"}, {"value", x}}; }
        json operator()(double x) const { return {{"kind", "double"}, {"value", x}}; }
        json operator()(char x) const {
            return {{"kind", "char"}, {"value", static_cast<int>(static_cast<unsigned char>(x))}};
        }
        json operator()(const std::string& x) const { return {{"kind", "string"}, {"value", x}}; }
        json operator()(bool x) const { return {{"kind", "boolean"}, {"value", x}}; }
        json operator()(const EnumeratorRef& x) const {
            return {{"kind", "enumerator"},
                    {"enum", x.enumeration->scoped_name},
                    {"name", x.enumeration->enumerators[x.index].name},
                    {"value", x.index}};
        }
    };
    return std::visit(Visitor{}, v.value);
}

json type(const Type* t) {
    if (t == nullptr) return nullptr;
    switch (t->kind) {
        case Type::Kind::primitive: return {{"kind", "primitive"}, {"name", idl_name(t->primitive)}};
        case Type::Kind::string: return {{"kind", "string"}, {"bound", t->bound}};
        case Type::Kind::sequence: return {{"kind", "sequence"}, {"bound", t->bound}, {"element", type(t->element)}};
        case Type::Kind::array: return {{"kind", "array"}, {"dimensions", t->dimensions}, {"element", type(t->element)}};
        case Type::Kind::object: return {{"kind", "object"}};
        case Type::Kind::named:
            return {{"kind", "named"}, {"name", t->declaration->scoped_name},
                    {"declaration_kind", to_string(t->declaration->kind)}};
    }
    return nullptr;
}

json annotations(const std::vector<Annotation>& list) {
    json out = json::array();
    for (const auto& a : list) {
        json params = json::object();
        for (const auto& [name, v] : a.params) params[name.empty() ? "value" : name] = value(v);
        out.push_back({{"name", a.name}, {"params", params}, {"location", location(a.location)}});
    }
    return out;
}

json member(const Member& m) {
    return {{"name", m.name}, {"type", type(m.type)}, {"annotations", annotations(m.annotations)},
            {"location", location(m.location)}};
}

json names(const std::vector<const Declaration*>& list) {
    json out = json::array();
    for (const auto* d : list) out.push_back(d->scoped_name);
    return out;
}

json declaration(const Declaration& d) {
    json j = {{"kind", to_string(d.kind)},
              {"name", d.name},
              {"scoped_name", d.scoped_name},
              {"location", location(d.location)},
              {"from_main_file", d.from_main_file},
              {"annotations", annotations(d.annotations)}};
    if (!d.repository_id.empty()) j["repository_id"] = d.repository_id;
    json contents = json::array();
    for (const auto& c : d.contents) contents.push_back(declaration(*c));
    switch (d.kind) {
        case Declaration::Kind::module:
            j["contents"] = contents;
            break;
        case Declaration::Kind::interface: {
            j["bases"] = names(d.bases);
            j["defined"] = d.defined;
            j["contents"] = contents;
            break;
        }
        case Declaration::Kind::struct_:
        case Declaration::Kind::exception: {
            json members = json::array();
            for (const auto& m : d.members) members.push_back(member(m));
            j["members"] = members;
            j["contents"] = contents;
            break;
        }
        case Declaration::Kind::union_: {
            j["discriminator"] = type(d.discriminator);
            json cases = json::array();
            for (const auto& c : d.cases) {
                json labels = json::array();
                for (const auto& l : c.labels) labels.push_back(value(l));
                cases.push_back({{"labels", labels}, {"default", c.is_default}, {"member", member(c.member)}});
            }
            j["cases"] = cases;
            j["default_case"] = d.default_case ? json(*d.default_case) : json(nullptr);
            j["default_label"] = d.default_label ? value(*d.default_label) : json(nullptr);
            j["contents"] = contents;
            break;
        }
        case Declaration::Kind::enum_: {
            json enumerators = json::array();
            for (std::size_t i = 0; i < d.enumerators.size(); ++i) {
                const auto& e = d.enumerators[i];
                enumerators.push_back({{"name", e.name}, {"value", i}, {"annotations", annotations(e.annotations)},
                                       {"location", location(e.location)}});
            }
            j["enumerators"] = enumerators;
            break;
        }
        case Declaration::Kind::typedef_:
            j["type"] = type(d.type);
            j["resolved_type"] = type(&d.type->resolved());
            break;
        case Declaration::Kind::const_:
            j["type"] = type(d.type);
            j["value"] = value(*d.value);
            break;
        case Declaration::Kind::operation: {
            j["oneway"] = d.oneway;
            j["result"] = type(d.type);
            json params = json::array();
            for (const auto& p : d.parameters) {
                params.push_back({{"name", p.name}, {"direction", to_string(p.direction)}, {"type", type(p.type)},
                                  {"annotations", annotations(p.annotations)}, {"location", location(p.location)}});
            }
            j["parameters"] = params;
            j["raises"] = names(d.raises);
            j["method_id"] = d.method_id;
            break;
        }
        case Declaration::Kind::attribute:
            j["readonly"] = d.readonly;
            j["type"] = type(d.type);
            j["get_raises"] = names(d.raises);
            j["set_raises"] = names(d.set_raises);
            j["get_method_id"] = d.method_id;
            j["set_method_id"] = d.readonly ? json(nullptr) : json(d.set_method_id);
            break;
    }
    return j;
}

}  // namespace

std::string to_json(const Model& model) {
    json declarations = json::array();
    for (const auto& d : model.declarations) declarations.push_back(declaration(*d));
    json root = {{"schema", "corbel-idl-model"},
                 {"version", json_schema_version},
                 {"main_file", model.main_file},
                 {"included_files", model.included_files},
                 {"declarations", declarations}};
    // Names are ASCII, but a string constant holds its literal's bytes, which need not be
    // UTF-8 (IDL is Latin-1): such bytes print as U+FFFD, as the corbel tool prints them.
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace corbel::idl
