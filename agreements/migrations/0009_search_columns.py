"""The stored search columns (core.search: generated from the models'
search_fields, so adding them fills every existing row) and their GIN indexes."""

import core.search
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_search_folding'),
        ('agreements', '0008_reminders'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreement',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:short_title_vi', 'A:short_title_en', 'A:title_vi', 'A:title_en', 'B:slug', 'C:summary_vi', 'C:summary_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('short_title_vi', 'short_title_en', 'title_vi', 'title_en'), output_field=models.TextField(), verbose_name='search names'),
        ),
        migrations.AddField(
            model_name='commitment',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:title_vi', 'A:title_en', 'A:code', 'B:reference_vi', 'B:reference_en', 'C:text_vi', 'C:text_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='commitment',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('title_vi', 'title_en', 'code'), output_field=models.TextField(), verbose_name='search names'),
        ),
        core.search.search_index_migration('agreements_agreement', 'agreements_commitment'),
    ]
