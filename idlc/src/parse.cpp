// The parse step: runs the ANTLR lexer and parser over preprocessed text, collects syntax
// errors as diagnostics, and hands the tree to the AST builder. ANTLR's types stay in this
// file and ast_builder.cpp.
#include <corbel/idl/parse.hpp>
#include <corbel/printable.hpp>

#include "IdlLexer.h"
#include "IdlParser.h"
#include "ast_builder.hpp"

#include <antlr4-runtime.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace corbel::idl {

namespace {

// IDL source is ISO 8859-1: one byte is one character. ANTLR 4.9's own stream decodes UTF-8
// and throws std::range_error on anything else, so this one takes each byte as the character
// of that code (columns then count bytes) and gives token text back as the very same bytes:
// a Latin-1 literal keeps its byte, and a UTF-8 one its several bytes.
class Latin1InputStream : public antlr4::ANTLRInputStream {
public:
    explicit Latin1InputStream(const std::string& bytes) {
        _data.reserve(bytes.size());
        for (const char c : bytes) _data.push_back(static_cast<unsigned char>(c));
    }

    std::string getText(const antlr4::misc::Interval& interval) override {
        if (interval.a < 0 || interval.b < interval.a) return "";
        const auto start = static_cast<std::size_t>(interval.a);
        const auto stop = std::min(static_cast<std::size_t>(interval.b) + 1, _data.size());
        std::string bytes;
        for (std::size_t i = start; i < stop; ++i) bytes += static_cast<char>(_data[i]);
        return bytes;
    }
};

// Turns ANTLR's messages ("mismatched input 'x' expecting {...}") into short ones that name
// the unexpected token and, when there are few, what would have been accepted.
class CollectingErrorListener : public antlr4::BaseErrorListener {
public:
    CollectingErrorListener(const PreprocessedSource& source, DiagnosticSink& diagnostics)
        : source_(source), diagnostics_(diagnostics) {}

    // The parser's tokens, once made: with them a follow-on error can be told apart.
    void watch(antlr4::TokenStream* tokens) { tokens_ = tokens; }

    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                     size_t column, const std::string& message, std::exception_ptr) override {
        const SourceLocation at = source_.locate(static_cast<int>(line), static_cast<int>(column) + 1);
        if (follows_last_error(offending)) return;
        if (offending != nullptr) last_error_token_ = offending->getTokenIndex();
        if (++count_ > max_errors) return;
        std::string text;
        if (offending == nullptr) {
            text = message;  // a lexer error: ANTLR names the character
            if (text.rfind("token recognition error at: ", 0) == 0) {
                text = "unexpected character " + text.substr(28);
            }
        } else if (offending->getType() == antlr4::Token::EOF) {
            text = "unexpected end of file";
        } else {
            // a stray Latin-1 byte, say, shows as \xNN
            text = "syntax error: unexpected '" + corbel::printable(offending->getText()) + "'";
        }
        if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer); parser != nullptr && offending) {
            const auto expected = parser->getExpectedTokens();
            const auto& vocabulary = parser->getVocabulary();
            std::vector<std::string> names;
            for (const auto token : expected.toList()) names.push_back(vocabulary.getDisplayName(token));
            if (std::find(names.begin(), names.end(), "'in'") != names.end()) {
                // Where a parameter may start, the list would also hold '@' and ')': name the likely slip.
                text += " (a parameter starts with in, out or inout)";
            } else if (!names.empty() && names.size() <= 4) {
                std::string list;
                for (const auto& name : names) {
                    if (!list.empty()) list += ", ";
                    list += name;
                }
                text += " (expected " + list + ")";
            }
        }
        if (count_ == max_errors) text += " (further syntax errors are not reported)";
        diagnostics_.error(at, text);
    }

private:
    // After a syntax error the parser resynchronises on whatever it can match next, and the
    // rest of that declaration often yields a second, misleading error (`void f(Book b);`
    // would also say "unexpected ')' (expected '(')"). So an error is reported only once a
    // ';', '{' or '}' has been passed since the last one.
    bool follows_last_error(antlr4::Token* offending) const {
        if (tokens_ == nullptr || offending == nullptr || !last_error_token_) return false;
        for (std::size_t i = *last_error_token_; i < offending->getTokenIndex(); ++i) {
            const std::string text = tokens_->get(i)->getText();
            if (text == ";" || text == "{" || text == "}") return false;
        }
        return true;
    }

    static constexpr int max_errors = 50;
    const PreprocessedSource& source_;
    DiagnosticSink& diagnostics_;
    antlr4::TokenStream* tokens_ = nullptr;
    std::optional<std::size_t> last_error_token_;
    int count_ = 0;
};

// The parser and the AST builder recurse once per nesting level, so absurdly deep input
// (thousands of parentheses, template types or unary minuses, say) is refused before it could
// exhaust the stack. A '<' counts only where it opens a template type (`sequence<`, `string<`,
// `wstring<`, `fixed<`, `map<`) and a '>' only where it closes one: in `1 << 2` and `8 >> 1`
// they are operators. A long chain of binary operators parses as a loop; the AST builder,
// which makes a tree of it, limits its depth (max_expression_depth).
bool nesting_within_limits(antlr4::CommonTokenStream& tokens, const PreprocessedSource& source,
                           DiagnosticSink& diagnostics) {
    constexpr std::size_t max_depth = 256;
    std::vector<char> open;  // the brackets open here, innermost last: ( { [ or < for a template
    int unary_run = 0;
    std::string previous;
    for (antlr4::Token* token : tokens.getTokens()) {
        std::string text = token->getText();
        if (text == "(" || text == "{" || text == "[") {
            open.push_back(text[0]);
        } else if (text == "<") {
            if (previous == "sequence" || previous == "string" || previous == "wstring" || previous == "fixed" ||
                previous == "map") {
                open.push_back('<');
            }
        } else if (text == ">") {
            if (!open.empty() && open.back() == '<') open.pop_back();
        } else if ((text == ")" || text == "}" || text == "]") && !open.empty()) {
            open.pop_back();
        }
        unary_run = (text == "-" || text == "+" || text == "~") ? unary_run + 1 : 0;
        if (open.size() > max_depth || unary_run > static_cast<int>(max_depth)) {
            diagnostics.error(source.locate(static_cast<int>(token->getLine()),
                                            static_cast<int>(token->getCharPositionInLine()) + 1),
                              "nesting deeper than " + std::to_string(max_depth) + " levels is not supported");
            return false;
        }
        previous = std::move(text);
    }
    return true;
}

}  // namespace

std::optional<ast::Specification> parse(const PreprocessedSource& source, DiagnosticSink& diagnostics) {
    const std::size_t errors_before = diagnostics.error_count();
    Latin1InputStream input(source.text);
    grammar::IdlLexer lexer(&input);
    CollectingErrorListener listener(source, diagnostics);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!nesting_within_limits(tokens, source, diagnostics)) return std::nullopt;
    listener.watch(&tokens);
    grammar::IdlParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    // SLL is much faster and right for almost every input; retry with full LL only when it fails.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    grammar::IdlParser::SpecificationContext* tree = nullptr;
    try {
        tree = parser.specification();
    } catch (const antlr4::ParseCancellationException&) {
        tokens.seek(0);
        parser.reset();
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
        tree = parser.specification();
    }
    if (diagnostics.error_count() > errors_before) return std::nullopt;
    return build_ast(tree, source, diagnostics);
}

}  // namespace corbel::idl
