/*
 * Copyright (c) Radzivon Bartoshyk 3/2026. All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without modification,
 * are permitted provided that the following conditions are met:
 *
 * 1.  Redistributions of source code must retain the above copyright notice, this
 * list of conditions and the following disclaimer.
 *
 * 2.  Redistributions in binary form must reproduce the above copyright notice,
 * this list of conditions and the following disclaimer in the documentation
 * and/or other materials provided with the distribution.
 *
 * 3.  Neither the name of the copyright holder nor the names of its
 * contributors may be used to endorse or promote products derived from
 * this software without specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
mod alpha_plan;
mod alpha_planner;
mod ar30_plan;
mod default_planner;
mod horizontal_filtering;
mod multi_step_plan;
mod nearest_plan;
mod non_alpha_plan;
mod noop_plan;
mod planner;
mod superresolution;
mod supersampling;
mod trampoline_filtering;
mod vertical_filtering;

pub(crate) use alpha_plan::make_alpha_plan;
pub(crate) use alpha_planner::AlphaPlanner;
#[allow(unused_imports)]
pub(crate) use ar30_plan::{Ar30Destructuring, Ar30DestructuringImpl, Ar30Plan};
pub(crate) use default_planner::DefaultPlanner;
pub(crate) use horizontal_filtering::HorizontalFiltering;
pub(crate) use multi_step_plan::MultiStepResamplePlan;
pub(crate) use nearest_plan::ResampleNearestPlan;
pub(crate) use non_alpha_plan::{
    BothAxesConvolvePlan, HorizontalConvolvePlan, VerticalConvolvePlan,
};
pub(crate) use noop_plan::NoopPlan;
pub use planner::{Resampling, ResamplingPlan};
pub(crate) use trampoline_filtering::TrampolineFiltering;
pub(crate) use vertical_filtering::VerticalFiltering;
