# caspian-m3: the forecasting-competition runner (m3run.c), built at the top
# of the build tree.
add_executable(caspian-m3 ${CMAKE_CURRENT_LIST_DIR}/m3run.c ${CMAKE_CURRENT_LIST_DIR}/m3run_data.c)
target_include_directories(caspian-m3 PRIVATE ${CSV_INCLUDE_DIR})
target_link_libraries(caspian-m3 PRIVATE caspian_engine ${CSV_LIBRARY})
set_target_properties(caspian-m3 PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
