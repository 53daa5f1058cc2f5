# tuijin_embed(TARGET SYMBOL DIR): a static library holding every file under DIR, reachable
# from C++ as `tuijin::embed::SYMBOL()` (see src/base/embedded.h). The generator runs at
# build time, so a rebuilt web/dist or a new migration is picked up by `cmake --build`.
function(tuijin_embed target symbol dir)
  set(out_cc ${CMAKE_BINARY_DIR}/embed/${target}.cc)
  add_custom_target(${target}_gen
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out_cc} -DSYMBOL=${symbol}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_gen.cmake
    BYPRODUCTS ${out_cc}
    COMMENT "Embedding ${dir}")
  add_library(${target} STATIC ${out_cc})
  add_dependencies(${target} ${target}_gen)
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()
