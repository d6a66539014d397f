# accuracy.forecast.m3: forecast accuracy on a fixed sample of M3 series
# (tests/accuracy/forecast_m3.c); skipped when the shared data are absent.
add_executable(accuracy_forecast_m3 ${CMAKE_CURRENT_LIST_DIR}/forecast_m3.c
  ${PROJECT_SOURCE_DIR}/bench/m3run_data.c)
target_include_directories(accuracy_forecast_m3 PRIVATE ${PROJECT_SOURCE_DIR}/bench ${CSV_INCLUDE_DIR})
target_compile_definitions(accuracy_forecast_m3 PRIVATE
  CASPIAN_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
target_link_libraries(accuracy_forecast_m3 PRIVATE caspian_engine ${CSV_LIBRARY})
add_test(NAME accuracy.forecast.m3 COMMAND accuracy_forecast_m3)
set_tests_properties(accuracy.forecast.m3 PROPERTIES LABELS accuracy SKIP_RETURN_CODE 77)
