#include <corbel/idl/compile.hpp>

#include <corbel/idl/parse.hpp>
#include <corbel/idl/preprocess.hpp>
#include <corbel/idl/sema.hpp>

namespace corbel::idl {

Result compile(const Options& options) {
    DiagnosticSink diagnostics;
    Result result;
    PreprocessOptions pp;
    pp.include_dirs = options.include_dirs;
    pp.defines = options.defines;
    pp.cpp_program = options.cpp_program;
    if (auto source = preprocess(options.file, pp, diagnostics)) {
        if (auto spec = parse(*source, diagnostics)) {
            result.model = check(*spec, diagnostics);
            if (result.model) {
                result.model->main_file = source->main_file;
                result.model->included_files.assign(source->files.begin() + 1, source->files.end());
            }
        }
    }
    result.diagnostics = diagnostics.diagnostics();
    if (diagnostics.has_errors()) result.model.reset();
    return result;
}

const char* version() noexcept { return CORBEL_VERSION; }

}  // namespace corbel::idl
