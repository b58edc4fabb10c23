#include <corbel/idl/sema.hpp>

#include "const_eval.hpp"

#include <corbel/method_id.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace corbel::idl {

namespace {

using AstKind = ast::Definition::Kind;
using DeclKind = Declaration::Kind;

std::string lowercase(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string hex32(std::uint32_t value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%08x", value);
    return buffer;
}

// Annotations that IDL 4.2 defines, and corbel keeps in the model without comment.
const std::set<std::string> standard_annotations = {
    "id", "autoid", "optional", "position", "value", "extensibility", "final", "appendable", "mutable",
    "key", "must_understand", "default_literal", "default", "range", "min", "max", "unit", "bit_bound",
    "external", "nested", "verbatim", "service", "oneway", "ami", "topic", "hashid", "data_representation",
    "try_construct", "ignore_literal_names", "non_serialized",
};

// corbel's own annotations: how operations are invoked (spec/cpp-mapping.md, "Interfaces").
const std::set<std::string> invocation_annotations = {"idempotent", "protocol"};

class Sema {
public:
    Sema(const ast::Specification& spec, DiagnosticSink& diagnostics) : spec_(spec), diagnostics_(diagnostics) {
        global_ = new_scope(nullptr, "", nullptr);
    }

    std::optional<Model> run() {
        const std::size_t errors_before = diagnostics_.error_count();
        definitions(spec_.definitions, global_, nullptr, model_.declarations);
        std::vector<const Declaration*> never_defined;
        for (auto& [decl, owned] : pending_) {
            if (decl->kind != DeclKind::interface) never_defined.push_back(decl);
        }
        // in source order, not in the order of their addresses
        std::sort(never_defined.begin(), never_defined.end(), [](const Declaration* a, const Declaration* b) {
            return std::tie(a->location.file, a->location.line, a->location.column) <
                   std::tie(b->location.file, b->location.line, b->location.column);
        });
        for (const Declaration* decl : never_defined) {
            diagnostics_.error(decl->location, std::string(decl->kind == DeclKind::struct_ ? "struct " : "union ") +
                                                   decl->name + " is declared but never defined");
        }
        // Interfaces declared forward and never defined stay in the model where they were
        // first declared, without contents: references to them are still references.
        for (auto& [decl, place] : undefined_interface_places_) {
            auto it = pending_.find(decl);
            if (it != pending_.end()) place->push_back(std::move(it->second));
        }
        pending_.clear();
        if (diagnostics_.error_count() > errors_before) return std::nullopt;
        return std::move(model_);
    }

private:
    struct Scope;
    struct Symbol {
        enum class Kind { declaration, enumerator, unsupported, forward };
        Kind kind = Kind::declaration;
        std::string name;
        SourceLocation location;
        Declaration* decl = nullptr;  // declaration, forward (the declaration to be completed)
        Scope* scope = nullptr;       // modules, interfaces, structs, unions, exceptions
        EnumeratorRef enumerator;
    };
    struct Scope {
        Scope* parent = nullptr;
        std::string scoped_name;  // "" for the global scope, "::A::B" otherwise
        Declaration* owner = nullptr;
        std::map<std::string, Symbol> symbols;  // by lowercase name: IDL names collide ignoring case
        std::vector<Scope*> bases;
    };

    Scope* new_scope(Scope* parent, const std::string& scoped_name, Declaration* owner) {
        scopes_.push_back(std::make_unique<Scope>());
        Scope* s = scopes_.back().get();
        s->parent = parent;
        s->scoped_name = scoped_name;
        s->owner = owner;
        return s;
    }

    // ---- declaring and looking up names -----------------------------------------------------

    // Adds `symbol` to `scope`, or reports the clash and returns null.
    Symbol* declare(Scope* scope, Symbol symbol) {
        const std::string key = lowercase(symbol.name);
        auto it = scope->symbols.find(key);
        if (it != scope->symbols.end()) {
            const Symbol& previous = it->second;
            if (previous.name != symbol.name) {
                diagnostics_.error_with_note(symbol.location,
                                             "'" + symbol.name + "' differs only in case from '" + previous.name +
                                                 "' (IDL names that differ only in case collide)",
                                             previous.location, "'" + previous.name + "' declared here");
            } else {
                diagnostics_.error_with_note(symbol.location, "redefinition of '" + symbol.name + "'",
                                             previous.location, "previously declared here");
            }
            return nullptr;
        }
        if (scope->owner != nullptr && lowercase(scope->owner->name) == key &&
            scope->owner->kind != DeclKind::module) {
            diagnostics_.error(symbol.location, "'" + symbol.name + "' cannot have the name of its enclosing " +
                                                    "declaration");
            return nullptr;
        }
        return &scope->symbols.emplace(key, std::move(symbol)).first->second;
    }

    // One name in one scope and, for interfaces, in the scopes it inherits.
    Symbol* find_in(Scope* scope, const std::string& name, const SourceLocation& at, bool& case_error) {
        auto it = scope->symbols.find(lowercase(name));
        if (it != scope->symbols.end()) {
            if (it->second.name != name) {
                diagnostics_.error_with_note(at, "'" + name + "' differs only in case from '" + it->second.name + "'",
                                             it->second.location, "'" + it->second.name + "' declared here");
                case_error = true;
                return nullptr;
            }
            return &it->second;
        }
        for (Scope* base : scope->bases) {
            if (Symbol* found = find_in(base, name, at, case_error)) return found;
            if (case_error) return nullptr;
        }
        return nullptr;
    }

    Symbol* lookup(const ast::ScopedName& name, Scope* from) {
        bool case_error = false;
        Symbol* symbol = nullptr;
        if (name.global) {
            symbol = find_in(global_, name.parts[0], name.location, case_error);
        } else {
            for (Scope* s = from; s != nullptr && symbol == nullptr && !case_error; s = s->parent) {
                symbol = find_in(s, name.parts[0], name.location, case_error);
            }
        }
        for (std::size_t i = 1; i < name.parts.size() && symbol != nullptr; ++i) {
            if (symbol->scope == nullptr) {
                diagnostics_.error(name.location, "'" + symbol->name + "' in '" + name.text() +
                                                      "' is not a module, interface or type with members");
                return nullptr;
            }
            Symbol* inner = find_in(symbol->scope, name.parts[i], name.location, case_error);
            if (inner == nullptr && !case_error) {
                diagnostics_.error(name.location, "'" + name.parts[i] + "' is not declared in '" +
                                                      symbol->scope->scoped_name + "'");
                return nullptr;
            }
            symbol = inner;
        }
        if (symbol == nullptr && !case_error) {
            // only the first component can be missing here; inner ones returned above
            diagnostics_.error(name.location, "'" + name.parts[0] + "' is not declared" +
                                                  (name.global ? " at global scope" : ""));
        }
        return symbol;
    }

    // ---- declarations ----------------------------------------------------------------------

    // What a declaration takes from the definition that makes it, or that completes a forward
    // declaration (which may have been in another file, or in another opening of its module).
    void stamp(Declaration& decl, const ast::Definition& def, Scope* scope, Declaration* parent) {
        stamp_name(decl, def.name, def.location, def, scope, parent);
        decl.annotations = annotations(def.annotations, scope);
    }

    // The name and place, file and repository id: the definition's own name, or that of one of
    // the declarators of a typedef or attribute.
    void stamp_name(Declaration& decl, const std::string& name, const SourceLocation& location,
                    const ast::Definition& def, Scope* scope, Declaration* parent) {
        decl.name = name;
        decl.scoped_name = scope->scoped_name + "::" + name;
        decl.location = location;
        decl.parent = parent;
        decl.from_main_file = def.from_main_file;
        decl.repository_id = repository_id(def.repository_prefix, def.prefix_anchor, decl.scoped_name, "1.0");
    }

    std::unique_ptr<Declaration> new_declaration(DeclKind kind, const ast::Definition& def, Scope* scope,
                                                 Declaration* parent) {
        auto decl = std::make_unique<Declaration>();
        decl->kind = kind;
        stamp(*decl, def, scope, parent);
        return decl;
    }

    // The declaration of one declarator of a typedef or attribute (`typedef long A, B[2];`),
    // with the definition's annotations, which the caller evaluates once for all of them.
    std::unique_ptr<Declaration> new_declaration(DeclKind kind, const ast::Declarator& declarator,
                                                 const ast::Definition& def, const std::vector<Annotation>& annotations,
                                                 Scope* scope, Declaration* parent) {
        auto decl = std::make_unique<Declaration>();
        decl->kind = kind;
        stamp_name(*decl, declarator.name, declarator.location, def, scope, parent);
        decl->annotations = annotations;
        return decl;
    }

    // Declares `decl` in `scope` by its name, or reports the clash and returns null.
    Symbol* declare_decl(Scope* scope, Declaration* decl, Symbol::Kind kind = Symbol::Kind::declaration) {
        Symbol s;
        s.kind = kind;
        s.name = decl->name;
        s.location = decl->location;
        s.decl = decl;
        return declare(scope, std::move(s));
    }

    // Declares the name of something that has no declaration (an unsupported construct, a
    // typedef or constant whose type or value was already reported), so that its uses are not
    // reported again as "not declared"; a clash is still reported.
    void declare_placeholder(Scope* scope, const std::string& name, const SourceLocation& location) {
        Symbol s;
        s.kind = Symbol::Kind::unsupported;
        s.name = name;
        s.location = location;
        declare(scope, std::move(s));
    }

    // `anchor` is the scope where the prefix was set; the id names the declaration from there.
    static std::string repository_id(const std::string& prefix, const std::string& anchor,
                                     const std::string& scoped_name, const std::string& version) {
        std::string path;
        std::size_t start = 2;
        if (!prefix.empty() && !anchor.empty() && scoped_name.compare(0, anchor.size() + 2, anchor + "::") == 0) {
            start = anchor.size() + 2;
        }
        for (std::size_t i = start; i < scoped_name.size(); ++i) {
            if (scoped_name.compare(i, 2, "::") == 0) {
                path += '/';
                ++i;
            } else {
                path += scoped_name[i];
            }
        }
        return "IDL:" + (prefix.empty() ? "" : prefix + "/") + path + ":" + version;
    }

    void definitions(const std::vector<ast::DefinitionPtr>& defs, Scope* scope, Declaration* parent,
                     std::vector<std::unique_ptr<Declaration>>& out) {
        for (const auto& def : defs) definition(*def, scope, parent, out);
    }

    void definition(const ast::Definition& def, Scope* scope, Declaration* parent,
                    std::vector<std::unique_ptr<Declaration>>& out) {
        switch (def.kind) {
            case AstKind::module: module(def, scope, parent, out); break;
            case AstKind::interface: interface(def, scope, parent, out); break;
            case AstKind::interface_forward:
            case AstKind::struct_forward:
            case AstKind::union_forward: forward(def, scope, parent, out); break;
            case AstKind::struct_:
            case AstKind::exception: structure(def, scope, parent, out); break;
            case AstKind::union_: union_(def, scope, parent, out); break;
            case AstKind::enum_: enumeration(def, scope, parent, out); break;
            case AstKind::typedef_: typedef_(def, scope, parent, out); break;
            case AstKind::const_: constant(def, scope, parent, out); break;
            case AstKind::operation: operation(def, scope, parent, out); break;
            case AstKind::attribute: attribute(def, scope, parent, out); break;
            case AstKind::pragma_version:
            case AstKind::pragma_id: pragma(def, scope); break;
            case AstKind::unsupported:
                if (!def.name.empty()) declare_placeholder(scope, def.name, def.location);
                break;
        }
    }

    void module(const ast::Definition& def, Scope* scope, Declaration* parent,
                std::vector<std::unique_ptr<Declaration>>& out) {
        auto it = scope->symbols.find(lowercase(def.name));
        Scope* inner = nullptr;
        Declaration* first = nullptr;
        if (it != scope->symbols.end() && it->second.name == def.name && it->second.decl != nullptr &&
            it->second.decl->kind == DeclKind::module) {
            inner = it->second.scope;  // reopened
            first = it->second.decl;
        }
        auto owned = new_declaration(DeclKind::module, def, scope, parent);
        Declaration* decl = owned.get();
        if (inner == nullptr) {
            inner = new_scope(scope, decl->scoped_name, decl);
            Symbol* symbol = declare_decl(scope, decl);
            if (symbol == nullptr) return;
            symbol->scope = inner;
        } else {
            decl->first_declaration = first;
            decl->repository_id = first->repository_id;
        }
        out.push_back(std::move(owned));
        definitions(def.body, inner, decl, decl->contents);
    }

    void forward(const ast::Definition& def, Scope* scope, Declaration* parent,
                 std::vector<std::unique_ptr<Declaration>>& out) {
        const DeclKind kind = def.kind == AstKind::interface_forward ? DeclKind::interface
                              : def.kind == AstKind::struct_forward  ? DeclKind::struct_
                                                                     : DeclKind::union_;
        auto it = scope->symbols.find(lowercase(def.name));
        if (it != scope->symbols.end() && it->second.name == def.name && it->second.decl != nullptr &&
            it->second.decl->kind == kind) {
            return;  // a repeated forward declaration, or one after the definition: harmless
        }
        auto decl = new_declaration(kind, def, scope, parent);
        decl->forward_declared = true;
        decl->defined = false;
        if (declare_decl(scope, decl.get(), Symbol::Kind::forward) == nullptr) return;
        if (kind == DeclKind::interface) undefined_interface_places_.emplace_back(decl.get(), &out);
        pending_.emplace(decl.get(), std::move(decl));
    }

    // The declaration a forward declaration made (taken back from pending_), or a new one, with
    // the scope of its contents in `*inner_scope`; null after reporting a clash.
    std::unique_ptr<Declaration> define(DeclKind kind, const ast::Definition& def, Scope* scope, Declaration* parent,
                                        Scope** inner_scope) {
        auto it = scope->symbols.find(lowercase(def.name));
        if (it != scope->symbols.end() && it->second.kind == Symbol::Kind::forward && it->second.name == def.name &&
            it->second.decl->kind == kind) {
            Declaration* decl = it->second.decl;
            auto pending = pending_.find(decl);
            std::unique_ptr<Declaration> owned = std::move(pending->second);
            pending_.erase(pending);
            stamp(*decl, def, scope, parent);
            decl->defined = true;
            it->second.kind = Symbol::Kind::declaration;
            it->second.location = def.location;
            *inner_scope = new_scope(scope, decl->scoped_name, decl);
            it->second.scope = *inner_scope;
            return owned;
        }
        auto decl = new_declaration(kind, def, scope, parent);
        *inner_scope = new_scope(scope, decl->scoped_name, decl.get());
        Symbol* symbol = declare_decl(scope, decl.get());
        if (symbol == nullptr) return nullptr;
        symbol->scope = *inner_scope;
        return decl;
    }

    void interface(const ast::Definition& def, Scope* scope, Declaration* parent,
                   std::vector<std::unique_ptr<Declaration>>& out) {
        Scope* inner = nullptr;
        auto owned = define(DeclKind::interface, def, scope, parent, &inner);
        if (owned == nullptr) return;
        Declaration* decl = owned.get();
        undefined_interface_places_.erase(
            std::remove_if(undefined_interface_places_.begin(), undefined_interface_places_.end(),
                           [&](const auto& entry) { return entry.first == decl; }),
            undefined_interface_places_.end());
        for (const auto& base_name : def.bases) {
            Symbol* base = lookup(base_name, scope);
            if (base == nullptr) continue;
            if (base->decl == nullptr || base->decl->kind != DeclKind::interface) {
                diagnostics_.error(base_name.location, "'" + base_name.text() + "' is not an interface");
                continue;
            }
            if (base->kind == Symbol::Kind::forward) {
                diagnostics_.error_with_note(base_name.location,
                                             "interface " + base->decl->name + " is only declared forward; a base "
                                                                               "interface must be defined first",
                                             base->location, "declared here");
                continue;
            }
            if (base->decl == decl) {
                diagnostics_.error(base_name.location, "interface " + decl->name + " cannot inherit from itself");
                continue;
            }
            if (std::find(decl->bases.begin(), decl->bases.end(), base->decl) != decl->bases.end()) {
                diagnostics_.error(base_name.location, "interface " + base->decl->name + " is inherited twice");
                continue;
            }
            decl->bases.push_back(base->decl);
            inner->bases.push_back(base->scope);
        }
        out.push_back(std::move(owned));
        definitions(def.body, inner, decl, decl->contents);
        check_interface(*decl);
    }

    // Inherited operations must not clash by name, and no two operations or attributes
    // visible in one interface may share a method id.
    void check_interface(const Declaration& interface) {
        std::map<std::string, const Declaration*> by_name;
        for (const auto* base : interface.bases) {
            for (const auto* op : all_operations_and_attributes(*base)) {
                auto [it, inserted] = by_name.emplace(lowercase(op->name), op);
                if (!inserted && it->second != op) {
                    diagnostics_.error_with_note(interface.location,
                                                 "interface " + interface.name + " inherits two operations named '" +
                                                     op->name + "'",
                                                 op->location, "one is declared here");
                }
            }
        }
        for (const auto& d : interface.contents) {
            if (d->kind != DeclKind::operation && d->kind != DeclKind::attribute) continue;
            auto it = by_name.find(lowercase(d->name));
            if (it != by_name.end()) {
                diagnostics_.error_with_note(d->location, "'" + d->name + "' redefines an inherited operation or attribute",
                                             it->second->location, "inherited from here");
            }
        }
        struct IdUse {
            std::string name;
            const Declaration* decl;
        };
        std::map<std::uint32_t, IdUse> ids;
        for (const auto* op : all_operations_and_attributes(interface)) {
            std::vector<std::pair<std::uint32_t, std::string>> uses;
            if (op->kind == DeclKind::operation) {
                uses.emplace_back(op->method_id, op->name);
            } else {
                uses.emplace_back(op->method_id, "_get_" + op->name);
                if (!op->readonly) uses.emplace_back(op->set_method_id, "_set_" + op->name);
            }
            for (const auto& [id, name] : uses) {
                auto [it, inserted] = ids.emplace(id, IdUse{name, op});
                if (!inserted && it->second.name != name) {
                    const SourceLocation& at = op->parent == &interface ? op->location : interface.location;
                    diagnostics_.error_with_note(at,
                                                 "method id " + hex32(id) + " of '" + name + "' collides with that of '" +
                                                     it->second.name + "' in interface " + interface.name +
                                                     " (rename one of them)",
                                                 it->second.decl->location, "'" + it->second.name + "' is declared here");
                }
            }
        }
    }

    void structure(const ast::Definition& def, Scope* scope, Declaration* parent,
                   std::vector<std::unique_ptr<Declaration>>& out) {
        const DeclKind kind = def.kind == AstKind::exception ? DeclKind::exception : DeclKind::struct_;
        Scope* inner = nullptr;
        auto owned = define(kind, def, scope, parent, &inner);
        if (owned == nullptr) return;
        Declaration* decl = owned.get();
        being_defined_.insert(decl);
        definitions(def.body, inner, decl, decl->contents);
        MemberNames names;
        for (const auto& m : def.members) {
            const Type* type = resolve(m.type, inner, TypeUse::data);
            const auto member_annotations = annotations(m.annotations, inner);  // once for `a, b, c`
            for (const auto& d : m.declarators) {
                if (!unique_member(names, d.name, d.location)) continue;
                const Type* full = with_dimensions(type, d, inner);
                if (full == nullptr) continue;
                decl->members.push_back({d.name, full, member_annotations, d.location});
            }
        }
        being_defined_.erase(decl);
        out.push_back(std::move(owned));
    }

    using MemberNames = std::map<std::string, std::pair<std::string, SourceLocation>>;

    // `what` names the kind for the message: "member" or "parameter".
    bool unique_member(MemberNames& names, const std::string& name, const SourceLocation& at,
                       const char* what = "member") {
        auto [it, inserted] = names.emplace(lowercase(name), std::make_pair(name, at));
        if (!inserted) {
            const std::string& previous = it->second.first;
            const std::string kind = what;
            diagnostics_.error_with_note(at,
                                         previous == name ? "duplicate " + kind + " '" + name + "'"
                                                          : "'" + name + "' differs only in case from " + kind + " '" +
                                                                previous + "'",
                                         it->second.second, "previously declared here");
        }
        return inserted;
    }

    void union_(const ast::Definition& def, Scope* scope, Declaration* parent,
                std::vector<std::unique_ptr<Declaration>>& out) {
        Scope* inner = nullptr;
        auto owned = define(DeclKind::union_, def, scope, parent, &inner);
        if (owned == nullptr) return;
        Declaration* decl = owned.get();
        being_defined_.insert(decl);
        definitions(def.body, inner, decl, decl->contents);
        decl->discriminator = resolve(def.type, inner, TypeUse::data);
        const Type* discriminator = decl->discriminator ? &decl->discriminator->resolved() : nullptr;
        if (discriminator != nullptr) {
            const bool ok = (discriminator->kind == Type::Kind::primitive &&
                             (is_integer(discriminator->primitive) || discriminator->primitive == PrimitiveKind::char_ ||
                              discriminator->primitive == PrimitiveKind::boolean) &&
                             discriminator->primitive != PrimitiveKind::octet) ||
                            (discriminator->kind == Type::Kind::named &&
                             discriminator->declaration->kind == DeclKind::enum_);
            if (!ok) {
                diagnostics_.error(def.type.location, "a union discriminator must be an integer, char, boolean or "
                                                      "enum type, not " + describe(*discriminator));
                discriminator = nullptr;
            }
        }
        MemberNames names;
        std::vector<std::pair<ConstValue, SourceLocation>> labels;
        const SourceLocation* default_at = nullptr;
        for (const auto& c : def.cases) {
            UnionCase union_case;
            for (const auto& label : c.labels) {
                if (!label.value) {
                    if (default_at != nullptr) {
                        diagnostics_.error_with_note(label.location, "a union has at most one default label",
                                                     *default_at, "the first one is here");
                    }
                    default_at = &label.location;
                    union_case.is_default = true;
                    continue;
                }
                if (discriminator == nullptr) continue;
                auto value = evaluate(*label.value, *discriminator, constant_lookup(inner), diagnostics_);
                if (!value) continue;
                auto previous = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == *value; });
                if (previous != labels.end()) {
                    diagnostics_.error_with_note(label.location, "duplicate case label " + value->to_idl(),
                                                 previous->second, "previously used here");
                    continue;
                }
                labels.emplace_back(*value, label.location);
                union_case.labels.push_back(*value);
            }
            const Type* type = resolve(c.type, inner, TypeUse::data);
            if (!unique_member(names, c.declarator.name, c.declarator.location)) continue;
            const Type* full = with_dimensions(type, c.declarator, inner);
            if (full == nullptr) continue;
            union_case.member = {c.declarator.name, full, annotations(c.annotations, inner), c.declarator.location};
            if (union_case.is_default) decl->default_case = decl->cases.size();
            decl->cases.push_back(std::move(union_case));
        }
        if (discriminator != nullptr) {
            decl->default_label = unused_label(*discriminator, labels);
            if (!decl->default_label && default_at != nullptr) {
                diagnostics_.error(*default_at, "the default case of union " + decl->name +
                                                    " can never be selected: the labels name every value");
            }
        }
        being_defined_.erase(decl);
        out.push_back(std::move(owned));
    }

    // A discriminator value that no label names, if there is one.
    static std::optional<ConstValue> unused_label(const Type& discriminator,
                                                  const std::vector<std::pair<ConstValue, SourceLocation>>& labels) {
        auto used = [&](const ConstValue& v) {
            return std::any_of(labels.begin(), labels.end(), [&](const auto& l) { return l.first == v; });
        };
        if (discriminator.kind == Type::Kind::named) {
            const Declaration* e = discriminator.declaration;
            for (std::uint32_t i = 0; i < e->enumerators.size(); ++i) {
                ConstValue v{EnumeratorRef{e, i}};
                if (!used(v)) return v;
            }
            return std::nullopt;
        }
        switch (discriminator.primitive) {
            case PrimitiveKind::boolean:
                for (bool b : {false, true}) {
                    if (!used(ConstValue{b})) return ConstValue{b};
                }
                return std::nullopt;
            case PrimitiveKind::char_:
                for (int c = 0; c < 256; ++c) {
                    ConstValue v{static_cast<char>(c)};
                    if (!used(v)) return v;
                }
                return std::nullopt;
            case PrimitiveKind::short_:
            case PrimitiveKind::long_:
            case PrimitiveKind::long_long:
                for (std::int64_t i = 0;; ++i) {  // ends: there are fewer labels than values
                    ConstValue v{i};
                    if (!used(v)) return v;
                }
            default:
                for (std::uint64_t i = 0;; ++i) {
                    ConstValue v{i};
                    if (!used(v)) return v;
                }
        }
    }

    void enumeration(const ast::Definition& def, Scope* scope, Declaration* parent,
                     std::vector<std::unique_ptr<Declaration>>& out) {
        auto owned = new_declaration(DeclKind::enum_, def, scope, parent);
        Declaration* decl = owned.get();
        if (declare_decl(scope, decl) == nullptr) return;
        if (def.enumerators.size() > 0xffffffffu) diagnostics_.error(def.location, "too many enumerators");
        for (const auto& e : def.enumerators) {
            Symbol en;
            en.kind = Symbol::Kind::enumerator;
            en.name = e.name;
            en.location = e.location;
            en.enumerator = {decl, static_cast<std::uint32_t>(decl->enumerators.size())};
            if (declare(scope, std::move(en)) == nullptr) continue;
            decl->enumerators.push_back({e.name, annotations(e.annotations, scope), e.location});
        }
        out.push_back(std::move(owned));
    }

    void typedef_(const ast::Definition& def, Scope* scope, Declaration* parent,
                  std::vector<std::unique_ptr<Declaration>>& out) {
        const Type* type = resolve(def.type, scope, TypeUse::data);
        const auto shared_annotations = annotations(def.annotations, scope);  // once for `A, B`
        for (const auto& d : def.declarators) {
            if (type == nullptr) {
                declare_placeholder(scope, d.name, d.location);
                continue;
            }
            auto decl = new_declaration(DeclKind::typedef_, d, def, shared_annotations, scope, parent);
            decl->type = with_dimensions(type, d, scope);
            if (decl->type == nullptr || declare_decl(scope, decl.get()) == nullptr) continue;
            out.push_back(std::move(decl));
        }
    }

    void constant(const ast::Definition& def, Scope* scope, Declaration* parent,
                  std::vector<std::unique_ptr<Declaration>>& out) {
        const Type* type = resolve(def.type, scope, TypeUse::data);
        auto decl = new_declaration(DeclKind::const_, def, scope, parent);  // reports its annotations
        if (type == nullptr) {
            declare_placeholder(scope, def.name, def.location);
            return;
        }
        const Type& resolved = type->resolved();
        const bool valid_type =
            resolved.kind == Type::Kind::string || resolved.kind == Type::Kind::primitive ||
            (resolved.kind == Type::Kind::named && resolved.declaration->kind == DeclKind::enum_);
        if (!valid_type) {
            diagnostics_.error(def.type.location, "a constant cannot be of type " + describe(resolved));
        }
        decl->type = type;
        if (valid_type) decl->value = evaluate(*def.value, resolved, constant_lookup(scope), diagnostics_);
        if (!decl->value) {
            declare_placeholder(scope, def.name, def.location);  // already reported
            return;
        }
        if (declare_decl(scope, decl.get()) == nullptr) return;
        out.push_back(std::move(decl));
    }

    void operation(const ast::Definition& def, Scope* scope, Declaration* parent,
                   std::vector<std::unique_ptr<Declaration>>& out) {
        auto owned = new_declaration(DeclKind::operation, def, scope, parent);
        Declaration* decl = owned.get();
        decl->repository_id.clear();
        if (declare_decl(scope, decl) == nullptr) return;
        decl->oneway = def.oneway;
        decl->method_id = corbel::method_id(def.name);
        if (!def.is_void) decl->type = resolve(def.type, scope, TypeUse::parameter);
        MemberNames names;
        for (const auto& p : def.parameters) {
            const Type* type = resolve(p.type, scope, TypeUse::parameter);
            if (!unique_member(names, p.name, p.location, "parameter") || type == nullptr) continue;
            Parameter param;
            param.name = p.name;
            param.direction = static_cast<Direction>(p.direction);
            param.type = type;
            param.annotations = annotations(p.annotations, scope);
            param.location = p.location;
            decl->parameters.push_back(std::move(param));
        }
        decl->raises = exceptions(def.raises, scope);
        if (def.oneway) {
            if (!def.is_void) diagnostics_.error(def.location, "oneway operation " + def.name + " must return void");
            for (const auto& p : def.parameters) {
                if (p.direction != ast::Direction::in) {
                    diagnostics_.error(p.location, "oneway operation " + def.name + " can only have in parameters");
                }
            }
            if (!def.raises.empty()) {
                diagnostics_.error(def.raises.front().location, "oneway operation " + def.name +
                                                                    " cannot raise exceptions");
            }
        }
        check_invocation_annotations(decl->annotations, decl->oneway ? decl : nullptr);
        out.push_back(std::move(owned));
    }

    // @idempotent takes no value and @protocol takes RR or RRA; a oneway operation always
    // uses R, so neither applies to it (`oneway` is the operation when it is one, else null).
    void check_invocation_annotations(const std::vector<Annotation>& annotations, const Declaration* oneway) {
        for (const auto& a : annotations) {
            const auto colon = a.name.rfind(':');
            const std::string last = colon == std::string::npos ? a.name : a.name.substr(colon + 1);
            if (invocation_annotations.count(last) == 0) continue;
            if (oneway != nullptr) {
                diagnostics_.error(a.location, "oneway operation " + oneway->name + " always uses protocol R; @" +
                                                   a.name + " does not apply to it");
            } else if (last == "idempotent" && !a.params.empty()) {
                diagnostics_.error(a.location, "@" + a.name + " takes no value");
            } else if (last == "protocol") {
                const std::string* value =
                    a.params.size() == 1 ? std::get_if<std::string>(&a.params.front().second.value) : nullptr;
                if (value == nullptr || (*value != "RR" && *value != "RRA")) {
                    diagnostics_.error(a.location, "@" + a.name + " takes RR or RRA (oneway operations use R)");
                }
            }
        }
    }

    std::vector<const Declaration*> exceptions(const std::vector<ast::ScopedName>& names, Scope* scope) {
        std::vector<const Declaration*> result;
        for (const auto& name : names) {
            Symbol* s = lookup(name, scope);
            if (s == nullptr) continue;
            if (s->kind == Symbol::Kind::unsupported) continue;
            if (s->decl == nullptr || s->decl->kind != DeclKind::exception) {
                diagnostics_.error(name.location, "'" + name.text() + "' is not an exception");
                continue;
            }
            result.push_back(s->decl);
        }
        return result;
    }

    void attribute(const ast::Definition& def, Scope* scope, Declaration* parent,
                   std::vector<std::unique_ptr<Declaration>>& out) {
        const Type* type = resolve(def.type, scope, TypeUse::parameter);
        const auto shared_annotations = annotations(def.annotations, scope);  // once for `a, b`
        check_invocation_annotations(shared_annotations, nullptr);
        for (const auto& d : def.declarators) {
            auto decl = new_declaration(DeclKind::attribute, d, def, shared_annotations, scope, parent);
            decl->repository_id.clear();
            decl->readonly = def.readonly;
            decl->type = type;
            decl->method_id = corbel::method_id("_get_" + d.name);
            if (!def.readonly) decl->set_method_id = corbel::method_id("_set_" + d.name);
            decl->raises = exceptions(def.raises, scope);
            decl->set_raises = exceptions(def.set_raises, scope);
            if (type == nullptr) {
                declare_placeholder(scope, d.name, d.location);  // the type was reported
                continue;
            }
            if (declare_decl(scope, decl.get()) == nullptr) continue;
            out.push_back(std::move(decl));
        }
    }

    void pragma(const ast::Definition& def, Scope* scope) {
        Symbol* s = lookup(def.pragma_target, scope);
        if (s == nullptr) return;
        if (s->decl == nullptr || s->decl->kind == DeclKind::operation || s->decl->kind == DeclKind::attribute) {
            diagnostics_.error(def.location, "'" + def.pragma_target.text() + "' has no repository id");
            return;
        }
        Declaration* decl = s->decl;
        if (decl->first_declaration != nullptr) decl = const_cast<Declaration*>(decl->first_declaration);
        if (def.kind == AstKind::pragma_id) {
            decl->repository_id = def.pragma_text;
            return;
        }
        const std::string& version = def.pragma_text;
        const auto dot = version.find('.');
        const bool well_formed = dot != std::string::npos && dot > 0 && dot + 1 < version.size() &&
                                 version.find_first_not_of("0123456789.") == std::string::npos &&
                                 version.find('.', dot + 1) == std::string::npos;
        if (!well_formed) {
            diagnostics_.error(def.location, "#pragma version needs MAJOR.MINOR, not '" + version + "'");
            return;
        }
        const auto colon = decl->repository_id.rfind(':');
        if (decl->repository_id.rfind("IDL:", 0) == 0 && colon != std::string::npos && colon > 3) {
            decl->repository_id = decl->repository_id.substr(0, colon + 1) + version;
        }
    }

    // ---- types -----------------------------------------------------------------------------

    // Where a type is used: object references are fine in operations, not in data (corbel has
    // no CDR encoding for them yet); a type still being defined can only be a sequence element.
    enum class TypeUse { data, sequence_element, parameter };

    Type* new_type(Type::Kind kind) {
        model_.types.push_back(std::make_unique<Type>());
        model_.types.back()->kind = kind;
        return model_.types.back().get();
    }

    const Type* resolve(const ast::TypeSpec& spec, Scope* scope, TypeUse use) {
        switch (spec.kind) {
            case ast::TypeSpec::Kind::unsupported: return nullptr;  // reported by the parser
            case ast::TypeSpec::Kind::primitive: {
                Type* t = new_type(Type::Kind::primitive);
                t->primitive = static_cast<PrimitiveKind>(spec.primitive);
                return t;
            }
            case ast::TypeSpec::Kind::object:
                if (use != TypeUse::parameter) {
                    diagnostics_.error(spec.location, "object references (Object) in data types are not supported");
                    return nullptr;
                }
                return new_type(Type::Kind::object);
            case ast::TypeSpec::Kind::string: {
                std::uint32_t bound = 0;
                if (spec.bound && !evaluate_bound(*spec.bound, scope, bound)) return nullptr;
                Type* t = new_type(Type::Kind::string);
                t->bound = bound;
                return t;
            }
            case ast::TypeSpec::Kind::sequence: {
                const Type* element = resolve(*spec.element, scope,
                                              use == TypeUse::parameter ? TypeUse::parameter : TypeUse::sequence_element);
                std::uint32_t bound = 0;
                if (spec.bound && !evaluate_bound(*spec.bound, scope, bound)) return nullptr;
                if (element == nullptr) return nullptr;
                Type* t = new_type(Type::Kind::sequence);
                t->element = element;
                t->bound = bound;
                return t;
            }
            case ast::TypeSpec::Kind::named: break;
        }
        if (is_pseudo_type_code(spec.name, scope)) {
            diagnostics_.error(spec.name.location, "TypeCode is not supported");
            return nullptr;
        }
        Symbol* s = lookup(spec.name, scope);
        if (s == nullptr || s->kind == Symbol::Kind::unsupported) return nullptr;
        if (s->kind == Symbol::Kind::enumerator || s->decl == nullptr) {
            diagnostics_.error(spec.name.location, "'" + spec.name.text() + "' is not a type");
            return nullptr;
        }
        const Declaration* decl = s->decl;
        switch (decl->kind) {
            case DeclKind::struct_:
            case DeclKind::union_:
                if ((s->kind == Symbol::Kind::forward || being_defined_.count(decl) != 0) &&
                    use == TypeUse::data) {
                    diagnostics_.error(spec.name.location,
                                       "'" + spec.name.text() + "' is not completely defined here; until its "
                                                                "definition ends it can only be a sequence element");
                    return nullptr;
                }
                break;
            case DeclKind::enum_:
            case DeclKind::typedef_: break;
            case DeclKind::interface:
                if (use != TypeUse::parameter) {
                    diagnostics_.error(spec.name.location, "object references (interface " + decl->name +
                                                               ") in data types are not supported");
                    return nullptr;
                }
                break;
            case DeclKind::exception:
                diagnostics_.error(spec.name.location, "exception " + decl->name + " cannot be used as a type");
                return nullptr;
            default:
                diagnostics_.error(spec.name.location, "'" + spec.name.text() + "' is not a type");
                return nullptr;
        }
        Type* t = new_type(Type::Kind::named);
        t->declaration = decl;
        return t;
    }

    // CORBA's TypeCode is predeclared by ORBs' IDL compilers (no IDL file declares it), so
    // `TypeCode` and `CORBA::TypeCode` name it unless the IDL declared a TypeCode of its own.
    bool is_pseudo_type_code(const ast::ScopedName& name, Scope* scope) {
        const auto& parts = name.parts;
        const bool spelled = (parts.size() == 1 && parts[0] == "TypeCode" && !name.global) ||
                             (parts.size() == 2 && parts[0] == "CORBA" && parts[1] == "TypeCode");
        if (!spelled) return false;
        for (Scope* s = scope; s != nullptr; s = s->parent) {
            if (s->symbols.count("typecode") != 0) return false;
            if (parts.size() == 2 && s->symbols.count("corba") != 0) {
                Scope* corba = s->symbols.at("corba").scope;
                return corba == nullptr || corba->symbols.count("typecode") == 0;
            }
        }
        return true;
    }

    bool evaluate_bound(const ast::Expr& expr, Scope* scope, std::uint32_t& bound) {
        Type unsigned_long;
        unsigned_long.primitive = PrimitiveKind::unsigned_long;
        auto value = evaluate(expr, unsigned_long, constant_lookup(scope), diagnostics_);
        if (!value) return false;
        const auto v = std::get<std::uint64_t>(value->value);
        if (v == 0) {
            diagnostics_.error(expr.location, "a bound or array size must be positive");
            return false;
        }
        bound = static_cast<std::uint32_t>(v);
        return true;
    }

    const Type* with_dimensions(const Type* type, const ast::Declarator& d, Scope* scope) {
        if (type == nullptr) return nullptr;
        if (d.dimensions.empty()) return type;
        Type* array = new_type(Type::Kind::array);
        array->element = type;
        for (const auto& dim : d.dimensions) {
            std::uint32_t size = 0;
            if (!evaluate_bound(*dim, scope, size)) return nullptr;
            array->dimensions.push_back(size);
        }
        return array;
    }

    ConstantLookup constant_lookup(Scope* scope) {
        return [this, scope](const ast::ScopedName& name) -> std::optional<ConstValue> {
            Symbol* s = lookup(name, scope);
            if (s == nullptr || s->kind == Symbol::Kind::unsupported) return std::nullopt;
            if (s->kind == Symbol::Kind::enumerator) return ConstValue{s->enumerator};
            if (s->decl != nullptr && s->decl->kind == DeclKind::const_ && s->decl->value) return *s->decl->value;
            diagnostics_.error(name.location, "'" + name.text() + "' is not a constant or an enumerator");
            return std::nullopt;
        };
    }

    std::vector<Annotation> annotations(const ast::Annotations& list, Scope* scope) {
        std::vector<Annotation> result;
        for (const auto& a : list) {
            Annotation annotation;
            annotation.name = a.name.text();
            annotation.location = a.location;
            const std::string& last = a.name.parts.back();
            const bool known = standard_annotations.count(last) != 0 || invocation_annotations.count(last) != 0 ||
                               std::find(spec_.declared_annotations.begin(), spec_.declared_annotations.end(),
                                         last) != spec_.declared_annotations.end();
            if (!known) {
                diagnostics_.warning(a.location, "unknown annotation @" + annotation.name + " (kept in the model)");
            }
            for (const auto& [name, expr] : a.params) {
                // an annotation parameter naming something unknown is not an error: the
                // annotation may take identifiers we know nothing about
                if (expr->kind == ast::Expr::Kind::name) {
                    annotation.params.emplace_back(name, ConstValue{expr->name.text()});
                    continue;
                }
                if (auto value = evaluate_untyped(*expr, constant_lookup(scope), diagnostics_)) {
                    annotation.params.emplace_back(name, *value);
                }
            }
            result.push_back(std::move(annotation));
        }
        return result;
    }

    const ast::Specification& spec_;
    DiagnosticSink& diagnostics_;
    Model model_;
    std::vector<std::unique_ptr<Scope>> scopes_;
    Scope* global_ = nullptr;
    std::map<const Declaration*, std::unique_ptr<Declaration>> pending_;
    std::vector<std::pair<const Declaration*, std::vector<std::unique_ptr<Declaration>>*>> undefined_interface_places_;
    std::set<const Declaration*> being_defined_;
};

}  // namespace

std::optional<Model> check(const ast::Specification& specification, DiagnosticSink& diagnostics) {
    Sema sema(specification, diagnostics);
    return sema.run();
}

}  // namespace corbel::idl
