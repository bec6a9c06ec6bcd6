/*
 * Copyright (c) Radzivon Bartoshyk. All rights reserved.
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

use crate::filter_weights::FilterWeights;
use crate::neon::utils::{
    load_4b_as_u16x4, vxmlal_high_lane_s16, vxmlal_high_laneq_s16, vxmlal_lane_s16,
    vxmlal_laneq_s16, vxmlal_s16, xvld1q_u8_x2,
};
use std::arch::aarch64::*;

#[must_use]
#[inline(always)]
fn conv_horiz_rgba_8_u8<const D: bool>(
    start_x: usize,
    src: &[u8],
    weights: int16x8_t,
    store: int32x4_t,
) -> int32x4_t {
    unsafe {
        const CN: usize = 4;
        let src_ptr = src.get_unchecked((start_x * CN)..);

        let rgba_pixel = xvld1q_u8_x2(src_ptr.as_ptr());

        let hi0 = vreinterpretq_s16_u16(vmovl_high_u8(rgba_pixel.0));
        let lo0 = vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(rgba_pixel.0)));
        let hi1 = vreinterpretq_s16_u16(vmovl_high_u8(rgba_pixel.1));
        let lo1 = vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(rgba_pixel.1)));

        let mut acc = vxmlal_high_laneq_s16::<D, 3>(store, hi0, weights);
        acc = vxmlal_laneq_s16::<D, 2>(acc, vget_low_s16(hi0), weights);
        acc = vxmlal_high_laneq_s16::<D, 1>(acc, lo0, weights);
        acc = vxmlal_laneq_s16::<D, 0>(acc, vget_low_s16(lo0), weights);

        acc = vxmlal_high_laneq_s16::<D, 7>(acc, hi1, weights);
        acc = vxmlal_laneq_s16::<D, 6>(acc, vget_low_s16(hi1), weights);
        acc = vxmlal_high_laneq_s16::<D, 5>(acc, lo1, weights);
        acc = vxmlal_laneq_s16::<D, 4>(acc, vget_low_s16(lo1), weights);
        acc
    }
}

#[must_use]
#[inline(always)]
fn conv_horiz_rgba_2_u8<const D: bool>(
    start_x: usize,
    src: &[u8],
    weights: int16x4_t,
    store: int32x4_t,
) -> int32x4_t {
    unsafe {
        const CN: usize = 4;
        let src_ptr = src.get_unchecked((start_x * CN)..);

        let rgb_pixel = vld1_u8(src_ptr.as_ptr());
        let wide = vreinterpretq_s16_u16(vmovl_u8(rgb_pixel));

        let acc = vxmlal_high_lane_s16::<D, 1>(store, wide, weights);
        vxmlal_lane_s16::<D, 0>(acc, vget_low_s16(wide), weights)
    }
}

#[must_use]
#[inline(always)]
fn conv_horiz_rgba_4_u8<const D: bool>(
    start_x: usize,
    src: &[u8],
    weights: int16x4_t,
    store: int32x4_t,
) -> int32x4_t {
    unsafe {
        const CN: usize = 4;
        let src_ptr = src.get_unchecked((start_x * CN)..);

        let rgba_pixel = vld1q_u8(src_ptr.as_ptr());

        let hi = vreinterpretq_s16_u16(vmovl_high_u8(rgba_pixel));
        let lo = vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(rgba_pixel)));

        let acc = vxmlal_high_lane_s16::<D, 3>(store, hi, weights);
        let acc = vxmlal_lane_s16::<D, 2>(acc, vget_low_s16(hi), weights);
        let acc = vxmlal_high_lane_s16::<D, 1>(acc, lo, weights);
        vxmlal_lane_s16::<D, 0>(acc, vget_low_s16(lo), weights)
    }
}

#[must_use]
#[inline(always)]
fn conv_horiz_rgba_1_u8<const D: bool>(
    start_x: usize,
    src: &[u8],
    w0: int16x4_t,
    store: int32x4_t,
) -> int32x4_t {
    unsafe {
        const CN: usize = 4;
        let src_ptr = src.get_unchecked((start_x * CN)..);
        let rgba_pixel = load_4b_as_u16x4(src_ptr.as_ptr());
        let lo = vreinterpret_s16_u16(rgba_pixel);
        vxmlal_s16::<D>(store, lo, w0)
    }
}

pub(crate) fn convolve_horizontal_rgba_neon_rows_4_u8(
    src: &[u8],
    src_stride: usize,
    dst: &mut [u8],
    dst_stride: usize,
    filter_weights: &FilterWeights<i16>,
    _: u32,
) {
    convolve_horizontal_rgba_neon_rows_4_u8_impl::<false, 15>(
        src,
        src_stride,
        dst,
        dst_stride,
        filter_weights,
    );
}

fn convolve_horizontal_rgba_neon_rows_4_u8_impl<const D: bool, const PRECISION: i32>(
    src: &[u8],
    src_stride: usize,
    dst: &mut [u8],
    dst_stride: usize,
    filter_weights: &FilterWeights<i16>,
) {
    unsafe {
        const CN: usize = 4;
        let rnd_const: i32 = 1 << (PRECISION - 1);
        let init = vdupq_n_s32(rnd_const);

        let (row0_ref, rest) = dst.split_at_mut(dst_stride);
        let (row1_ref, rest) = rest.split_at_mut(dst_stride);
        let (row2_ref, row3_ref) = rest.split_at_mut(dst_stride);

        let iter_row0 = row0_ref.as_chunks_mut::<CN>().0;
        let iter_row1 = row1_ref.as_chunks_mut::<CN>().0;
        let iter_row2 = row2_ref.as_chunks_mut::<CN>().0;
        let iter_row3 = row3_ref.as_chunks_mut::<CN>().0;

        for (((((chunk0, chunk1), chunk2), chunk3), &bounds), weights) in iter_row0
            .iter_mut()
            .zip(iter_row1.iter_mut())
            .zip(iter_row2.iter_mut())
            .zip(iter_row3.iter_mut())
            .zip(filter_weights.bounds.iter())
            .zip(
                filter_weights
                    .weights
                    .chunks_exact(filter_weights.aligned_size),
            )
        {
            let mut jx = 0usize;
            let mut store_0 = init;
            let mut store_1 = init;
            let mut store_2 = init;
            let mut store_3 = init;

            let bounds_size = bounds.size;

            let src0 = src;
            let src1 = src0.get_unchecked(src_stride..);
            let src2 = src1.get_unchecked(src_stride..);
            let src3 = src2.get_unchecked(src_stride..);

            while jx + 8 <= bounds_size {
                let bounds_start = bounds.start + jx;
                let w_ptr = weights.get_unchecked(jx..);
                let weights_set = vld1q_s16(w_ptr.as_ptr());
                store_0 = conv_horiz_rgba_8_u8::<D>(bounds_start, src0, weights_set, store_0);
                store_1 = conv_horiz_rgba_8_u8::<D>(bounds_start, src1, weights_set, store_1);
                store_2 = conv_horiz_rgba_8_u8::<D>(bounds_start, src2, weights_set, store_2);
                store_3 = conv_horiz_rgba_8_u8::<D>(bounds_start, src3, weights_set, store_3);
                jx += 8;
            }

            while jx + 4 <= bounds_size {
                let bounds_start = bounds.start + jx;
                let w_ptr = weights.get_unchecked(jx..);
                let weights = vld1_s16(w_ptr.as_ptr());
                store_0 = conv_horiz_rgba_4_u8::<D>(bounds_start, src0, weights, store_0);
                store_1 = conv_horiz_rgba_4_u8::<D>(bounds_start, src1, weights, store_1);
                store_2 = conv_horiz_rgba_4_u8::<D>(bounds_start, src2, weights, store_2);
                store_3 = conv_horiz_rgba_4_u8::<D>(bounds_start, src3, weights, store_3);
                jx += 4;
            }

            while jx + 2 <= bounds_size {
                let w_ptr = weights.get_unchecked(jx..);
                let bounds_start = bounds.start + jx;
                let mut v_weight = vld1_dup_s16(w_ptr.as_ptr());
                v_weight = vld1_lane_s16::<1>(w_ptr.as_ptr().add(1), v_weight);
                store_0 = conv_horiz_rgba_2_u8::<D>(bounds_start, src0, v_weight, store_0);
                store_1 = conv_horiz_rgba_2_u8::<D>(bounds_start, src1, v_weight, store_1);
                store_2 = conv_horiz_rgba_2_u8::<D>(bounds_start, src2, v_weight, store_2);
                store_3 = conv_horiz_rgba_2_u8::<D>(bounds_start, src3, v_weight, store_3);
                jx += 2;
            }

            while jx < bounds_size {
                let w_ptr = weights.get_unchecked(jx..);
                let bounds_start = bounds.start + jx;
                let weight0 = vld1_dup_s16(w_ptr.as_ptr());
                store_0 = conv_horiz_rgba_1_u8::<D>(bounds_start, src0, weight0, store_0);
                store_1 = conv_horiz_rgba_1_u8::<D>(bounds_start, src1, weight0, store_1);
                store_2 = conv_horiz_rgba_1_u8::<D>(bounds_start, src2, weight0, store_2);
                store_3 = conv_horiz_rgba_1_u8::<D>(bounds_start, src3, weight0, store_3);
                jx += 1;
            }

            let store_16_0 = vqshrun_n_s32::<PRECISION>(store_0);
            let store_16_1 = vqshrun_n_s32::<PRECISION>(store_1);
            let store_16_2 = vqshrun_n_s32::<PRECISION>(store_2);
            let store_16_3 = vqshrun_n_s32::<PRECISION>(store_3);

            let store_16_8_0 = vqmovn_u16(vcombine_u16(store_16_0, store_16_0));
            let store_16_8_1 = vqmovn_u16(vcombine_u16(store_16_1, store_16_1));
            let store_16_8_2 = vqmovn_u16(vcombine_u16(store_16_2, store_16_2));
            let store_16_8 = vqmovn_u16(vcombine_u16(store_16_3, store_16_3));

            vst1_lane_u32::<0>(
                chunk0.as_mut_ptr().cast(),
                vreinterpret_u32_u8(store_16_8_0),
            );
            vst1_lane_u32::<0>(
                chunk1.as_mut_ptr().cast(),
                vreinterpret_u32_u8(store_16_8_1),
            );
            vst1_lane_u32::<0>(
                chunk2.as_mut_ptr().cast(),
                vreinterpret_u32_u8(store_16_8_2),
            );
            vst1_lane_u32::<0>(chunk3.as_mut_ptr().cast(), vreinterpret_u32_u8(store_16_8));
        }
    }
}

pub(crate) fn convolve_horizontal_rgba_neon_row(
    src: &[u8],
    dst: &mut [u8],
    filter_weights: &FilterWeights<i16>,
    _: u32,
) {
    convolve_horizontal_rgba_neon_row_impl::<false, 15>(src, dst, filter_weights);
}

fn convolve_horizontal_rgba_neon_row_impl<const D: bool, const PRECISION: i32>(
    src: &[u8],
    dst: &mut [u8],
    filter_weights: &FilterWeights<i16>,
) {
    unsafe {
        const CN: usize = 4;
        let rnd_const: i32 = 1 << (PRECISION - 1);

        for ((dst, bounds), weights) in dst
            .as_chunks_mut::<CN>()
            .0
            .iter_mut()
            .zip(filter_weights.bounds.iter())
            .zip(
                filter_weights
                    .weights
                    .chunks_exact(filter_weights.aligned_size),
            )
        {
            let bounds_size = bounds.size;
            let mut jx = 0usize;
            let mut store = vdupq_n_s32(rnd_const);

            while jx + 8 <= bounds_size {
                let bounds_start = bounds.start + jx;
                let w_ptr = weights.get_unchecked(jx..);
                let weights_set = vld1q_s16(w_ptr.as_ptr());
                store = conv_horiz_rgba_8_u8::<D>(bounds_start, src, weights_set, store);
                jx += 8;
            }

            while jx + 4 <= bounds_size {
                let w_ptr = weights.get_unchecked(jx..);
                let weights = vld1_s16(w_ptr.as_ptr());
                let bounds_start = bounds.start + jx;
                store = conv_horiz_rgba_4_u8::<D>(bounds_start, src, weights, store);
                jx += 4;
            }

            while jx + 2 <= bounds_size {
                let w_ptr = weights.get_unchecked(jx..);
                let bounds_start = bounds.start + jx;
                let mut v_weight = vld1_dup_s16(w_ptr.as_ptr());
                v_weight = vld1_lane_s16::<1>(w_ptr.as_ptr().add(1), v_weight);
                store = conv_horiz_rgba_2_u8::<D>(bounds_start, src, v_weight, store);
                jx += 2;
            }

            while jx < bounds_size {
                let w_ptr = weights.get_unchecked(jx..);
                let weight0 = vld1_dup_s16(w_ptr.as_ptr());
                let bounds_start = bounds.start + jx;
                store = conv_horiz_rgba_1_u8::<D>(bounds_start, src, weight0, store);
                jx += 1;
            }

            let store_16 = vqshrun_n_s32::<PRECISION>(store);
            let store_16_8 = vqmovn_u16(vcombine_u16(store_16, store_16));

            vst1_lane_u32::<0>(dst.as_mut_ptr().cast(), vreinterpret_u32_u8(store_16_8));
        }
    }
}
